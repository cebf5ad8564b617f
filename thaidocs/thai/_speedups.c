/* Word boundaries of Thai text in C: the same answers as dictionary.py and segment.py, whose
 * Python is the specification and the fallback where this module is not built.
 *
 * cluster_ends: the words of a sorted list that start at each cluster start of a text, found
 * by walking the list's trie a character at a time.
 * run_breaks: newmm's maximal matching over those words, then the boundaries every
 * segmentation into the fewest words agrees on.
 * Ahead: the same for the runs of a document to come, found by a worker thread (_worker.h).
 * find_words: where a document's own words are in a text.
 * cluster_boundaries: where Thai character clusters end, by the alternatives of their pattern.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../_worker.h"

#define WORD 2
#define LONGER 1
#define MAX_GRAPH_SIZE 50

/* A sorted word list as a trie: a node for each prefix of its words, the children of a node
 * consecutive and ordered by character, the nodes level by level (breadth first), so a search
 * reads a few small arrays near each other rather than words all over the list, which waits
 * on memory. Node 0 is the empty prefix. */
typedef struct {
    Py_UCS4 label;          /* the character that leads to the node from its parent */
    uint32_t child;         /* the node's first child */
    uint32_t children : 31; /* how many children it has */
    uint32_t word : 1;      /* whether its prefix is a word of the list */
} Node;

typedef struct {
    PyObject_HEAD
    Node *node;
} WordList;

static void word_list_dealloc(WordList *self)
{
    PyMem_Free(self->node);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The character of a str at an offset below its length. */
static inline Py_UCS4 char_at(PyObject *word, Py_ssize_t at)
{
    return PyUnicode_READ(PyUnicode_KIND(word), PyUnicode_DATA(word), at);
}

/* A trie being built from a sorted list, one word at a time. The nodes of the last word read
 * are open (path[1..depth], the root path[0]): a word may still add children to them. A node
 * is closed once a word leaves it; its children, closed before it, wait on a stack (those of
 * path[t] above mark[t]) and are then written out together, so a node's children are
 * consecutive, and near the children of its own children, which a search reads next. */
typedef struct {
    Node *node;       /* written out: node 0 is the root, kept for last */
    Py_ssize_t made;
    Node *waiting;    /* closed nodes whose parent is open */
    Py_ssize_t waits;
    Node *path;
    Py_ssize_t *mark;
    Py_ssize_t depth;
} Builder;

/* Close the open nodes deeper than depth. */
static void close_to(Builder *b, Py_ssize_t depth)
{
    for (; b->depth > depth; b->depth--) {
        Node closed = b->path[b->depth];
        Py_ssize_t first = b->mark[b->depth];
        closed.child = (uint32_t)b->made;
        closed.children = (uint32_t)(b->waits - first) & INT32_MAX;
        memcpy(b->node + b->made, b->waiting + first, (size_t)(b->waits - first) * sizeof(Node));
        b->made += b->waits - first;
        b->waits = first;
        b->waiting[b->waits++] = closed;
    }
}

/* Build the trie of a sorted list of str (checked to be sorted as Python compares str, and
 * distinct). No Python code runs meanwhile, so the list stays as it was checked. 0, or -1
 * after an error. */
static int build_trie(WordList *self, PyObject *words)
{
    Py_ssize_t count = PyList_GET_SIZE(words), room = 1, longest = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *word = PyList_GET_ITEM(words, i);
        if (!PyUnicode_Check(word)) {
            PyErr_SetString(PyExc_TypeError, "a word list holds only str");
            return -1;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(word);
        room += length; /* at most a node for each character, and the root */
        longest = length > longest ? length : longest;
    }
    if (room >= INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "a word list this long is not searched");
        return -1;
    }
    Builder b = {PyMem_New(Node, room), 1, PyMem_New(Node, room), 0,
                 PyMem_New(Node, longest + 1), PyMem_New(Py_ssize_t, longest + 1), 0};
    /* the word read and the word before it, each character read once */
    Py_UCS4 *current = PyMem_New(Py_UCS4, longest + 1), *before = PyMem_New(Py_UCS4, longest + 1);
    Py_ssize_t length_before = 0;
    int status = -1;
    if (!b.node || !b.waiting || !b.path || !b.mark || !current || !before) {
        PyErr_NoMemory();
        goto done;
    }
    b.path[0] = (Node){0, 0, 0, 0};
    b.mark[0] = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *word = PyList_GET_ITEM(words, i);
        Py_ssize_t length = PyUnicode_GET_LENGTH(word), shared = 0;
        int kind = PyUnicode_KIND(word);
        const void *data = PyUnicode_DATA(word);
        for (Py_ssize_t k = 0; k < length; k++)
            current[k] = PyUnicode_READ(kind, data, k);
        while (shared < length && shared < length_before && current[shared] == before[shared])
            shared++;
        if (i && (shared == length || (shared < length_before && current[shared] < before[shared]))) {
            PyErr_SetString(PyExc_ValueError, "a word list is sorted, without repeats");
            goto done;
        }
        close_to(&b, shared);
        for (Py_ssize_t d = shared + 1; d <= length; d++) {
            b.path[d] = (Node){current[d - 1], 0, 0, 0};
            b.mark[d] = b.waits;
        }
        b.depth = length;
        b.path[length].word = 1;
        Py_UCS4 *read = current;
        current = before;
        before = read;
        length_before = length;
    }
    close_to(&b, 0);
    /* the root's children are all that wait */
    b.node[0] = b.path[0];
    b.node[0].child = (uint32_t)b.made;
    b.node[0].children = (uint32_t)b.waits & INT32_MAX;
    memcpy(b.node + b.made, b.waiting, (size_t)b.waits * sizeof(Node));
    b.made += b.waits;
    self->node = b.node;
    b.node = NULL;
    Node *smaller = PyMem_Realloc(self->node, (size_t)b.made * sizeof(Node));
    if (smaller != NULL)
        self->node = smaller;
    status = 0;
done:
    PyMem_Free(b.node);
    PyMem_Free(b.waiting);
    PyMem_Free(b.path);
    PyMem_Free(b.mark);
    PyMem_Free(current);
    PyMem_Free(before);
    return status;
}

static PyObject *word_list_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *words;
    static char *keywords[] = {"words", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!:WordList", keywords, &PyList_Type,
                                     &words))
        return NULL;
    WordList *self = (WordList *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    if (build_trie(self, words) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static PyTypeObject WordListType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "thaidocs.thai._speedups.WordList",
    .tp_doc = PyDoc_STR("WordList(words): a sorted list of distinct words, ready to search."),
    .tp_basicsize = sizeof(WordList),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = word_list_new,
    .tp_dealloc = (destructor)word_list_dealloc,
};

/* The node of a list's trie for the text read so far, or -1 where no word begins with it. */
typedef struct {
    const WordList *list;
    Py_ssize_t node;
} Range;

/* Go on with c: to the child of the node labelled c, found among its ordered children by
 * halving while they are many, then one by one. */
static void narrow(Range *range, Py_UCS4 c)
{
    if (range->node < 0)
        return;
    const Node *node = range->list->node;
    Py_ssize_t lo = node[range->node].child, end = lo + node[range->node].children;
    Py_ssize_t hi = end; /* the first child labelled c or later is in [lo, hi] */
    while (hi - lo > 8) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (node[mid].label < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    while (lo < end && node[lo].label < c)
        lo++;
    range->node = lo < end && node[lo].label == c ? lo : -1;
}

/* What the text read so far is to the range's list: WORD and/or LONGER, or 0. */
static int kind_of(const Range *range)
{
    if (range->node < 0)
        return 0;
    const Node *node = range->list->node + range->node;
    return (node->word ? WORD : 0) | (node->children ? LONGER : 0);
}

/* ---- Thai character clusters: dictionary.tcc_boundaries ---- */

enum { REQUIRED = 0, OPTIONAL = 1, AHEAD = 2, GROUP = 3 };
#define THAI_BLOCK 0x0E00

/* One atom of the cluster pattern: a character set as a mask over the Thai block (a group:
 * how many atoms after it are its own). */
typedef struct {
    int kind;
    unsigned long long low, high;
} Atom;

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t length;
} Chars;

/* A pattern's atoms: each alternative atoms[starts[a]:starts[a + 1]]. */
typedef struct {
    Atom *atoms;
    Py_ssize_t *starts;
    Py_ssize_t alternatives;
} Pattern;

/* The pattern last read, and its atoms. */
static PyObject *pattern_owner;
static Pattern last;

static int in_set(const Atom *atom, const Chars *t, Py_ssize_t at)
{
    if (at >= t->length)
        return 0;
    Py_UCS4 c = PyUnicode_READ(t->kind, t->data, at);
    if (c < THAI_BLOCK || c >= THAI_BLOCK + 128)
        return 0;
    unsigned int bit = c - THAI_BLOCK;
    return bit < 64 ? (int)((atom->low >> bit) & 1) : (int)((atom->high >> (bit - 64)) & 1);
}

/* Where the atoms[i:count] match from at, the first way a regular expression tries them
 * (an optional atom taken first, then left out), or -1. A group is last: it matches its
 * atoms, or nothing. */
static Py_ssize_t match_atoms(const Atom *a, Py_ssize_t count, Py_ssize_t i, const Chars *t,
                              Py_ssize_t at)
{
    if (i == count)
        return at;
    const Atom *atom = &a[i];
    Py_ssize_t end;
    switch (atom->kind) {
    case REQUIRED:
        return in_set(atom, t, at) ? match_atoms(a, count, i + 1, t, at + 1) : -1;
    case OPTIONAL:
        if (in_set(atom, t, at) && (end = match_atoms(a, count, i + 1, t, at + 1)) >= 0)
            return end;
        return match_atoms(a, count, i + 1, t, at);
    case AHEAD: /* a class, or the end ($: the end, or before a newline that ends the text) */
        if (at == t->length || in_set(atom, t, at) ||
            (at == t->length - 1 && PyUnicode_READ(t->kind, t->data, at) == '\n'))
            return match_atoms(a, count, i + 1, t, at);
        return -1;
    default: /* GROUP */
        end = match_atoms(a + i + 1, (Py_ssize_t)atom->low, 0, t, at);
        return end >= 0 ? end : at;
    }
}

/* Read the pattern's atoms (see dictionary._tcc_atoms) unless they are the ones last read. */
static int read_pattern(PyObject *pattern)
{
    if (pattern == pattern_owner)
        return 0;
    Py_ssize_t count = PyTuple_GET_SIZE(pattern), total = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *alternative = PyTuple_GET_ITEM(pattern, k);
        if (!PyTuple_Check(alternative) || PyTuple_GET_SIZE(alternative) == 0) {
            PyErr_SetString(PyExc_TypeError, "cluster_boundaries: each alternative is a tuple "
                                             "of atoms");
            return -1;
        }
        total += PyTuple_GET_SIZE(alternative);
    }
    Atom *read = PyMem_New(Atom, total + 1);
    Py_ssize_t *read_starts = PyMem_New(Py_ssize_t, count + 1);
    if (read == NULL || read_starts == NULL) {
        PyMem_Free(read);
        PyMem_Free(read_starts);
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t n = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *alternative = PyTuple_GET_ITEM(pattern, k);
        read_starts[k] = n;
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(alternative); j++, n++) {
            PyObject *atom = PyTuple_GET_ITEM(alternative, j);
            if (!PyTuple_Check(atom) ||
                !PyArg_ParseTuple(atom, "iKK", &read[n].kind, &read[n].low, &read[n].high) ||
                read[n].kind < REQUIRED || read[n].kind > GROUP ||
                (read[n].kind == GROUP &&
                 read[n].low != (unsigned long long)(PyTuple_GET_SIZE(alternative) - j - 1)) ||
                (j == 0 && read[n].kind != REQUIRED)) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_ValueError, "cluster_boundaries: an atom is (kind, "
                                                      "low, high), an alternative starts with "
                                                      "a character, a group is last");
                PyMem_Free(read);
                PyMem_Free(read_starts);
                return -1;
            }
        }
    }
    read_starts[count] = n;
    PyMem_Free(last.atoms);
    PyMem_Free(last.starts);
    last.atoms = read;
    last.starts = read_starts;
    last.alternatives = count;
    Py_XSETREF(pattern_owner, Py_NewRef(pattern));
    return 0;
}

/* Mark where the clusters of a text end (boundaries: room for its length + 1, zeroed). */
static void mark_clusters(const Pattern *p, const Chars *t, unsigned char *boundaries)
{
    Py_ssize_t at = 0;
    while (at < t->length) {
        Py_ssize_t end = -1;
        Py_UCS4 c = PyUnicode_READ(t->kind, t->data, at);
        unsigned int bit = c - THAI_BLOCK; /* outside the block: no alternative starts here */
        for (Py_ssize_t a = 0; a < p->alternatives && end < 0 && bit < 128; a++) {
            const Atom *first = p->atoms + p->starts[a]; /* a character: test it here */
            if (bit < 64 ? (first->low >> bit) & 1 : (first->high >> (bit - 64)) & 1)
                end = match_atoms(first, p->starts[a + 1] - p->starts[a], 1, t, at + 1);
        }
        if (end <= at) /* no cluster here: the character alone */
            end = at + 1;
        boundaries[end] = 1;
        at = end;
    }
}

/* A copy of a pattern's atoms in raw memory, for a thread to read whatever is read next;
 * 0, or -1 when out of memory. */
static int copy_pattern(const Pattern *p, Pattern *copy)
{
    Py_ssize_t count = p->starts[p->alternatives];
    copy->atoms = PyMem_RawMalloc((size_t)(count + 1) * sizeof(Atom));
    copy->starts = PyMem_RawMalloc((size_t)(p->alternatives + 1) * sizeof(Py_ssize_t));
    copy->alternatives = p->alternatives;
    if (!copy->atoms || !copy->starts)
        return -1;
    memcpy(copy->atoms, p->atoms, (size_t)count * sizeof(Atom));
    memcpy(copy->starts, p->starts, (size_t)(p->alternatives + 1) * sizeof(Py_ssize_t));
    return 0;
}

static PyObject *cluster_boundaries(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *pattern, *text;
    if (!PyArg_ParseTuple(args, "O!U:cluster_boundaries", &PyTuple_Type, &pattern, &text))
        return NULL;
    if (read_pattern(pattern) < 0)
        return NULL;
    Chars t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    PyObject *result = PyByteArray_FromStringAndSize(NULL, t.length + 1);
    if (result == NULL)
        return NULL;
    unsigned char *boundaries = (unsigned char *)PyByteArray_AS_STRING(result);
    memset(boundaries, 0, (size_t)t.length + 1);
    mark_clusters(&last, &t, boundaries);
    return result;
}

/* ---- newmm and the fewest words over a run, in C only: a thread of its own may run them ----
 *
 * Nothing below run_core's callers touches a Python object: memory is the raw allocator's,
 * which needs no interpreter, and errors are codes the callers turn into exceptions. */

#define FAILED_MEMORY -1
#define FAILED_PYTHON -2 /* the Python skip_end raised: its exception is set */
#define FAILED_PATH -3   /* no path between two cuts */
#define FAILED_SKIP -4   /* skip_end did not move forward within the text */

/* A run's characters and where its clusters end (valid[i]: one ends at i; room for
 * length + 1, none past what the caller gave). */
typedef struct {
    Py_ssize_t length;
    Py_UCS4 *chars;
    unsigned char *valid;
} Text;

/* Read a run into raw memory, and its cluster ends where given (else none yet); 0, or -1
 * with an exception set. */
static int read_text(PyObject *text, PyObject *valid_object, Text *t)
{
    Py_buffer valid = {0};
    if (valid_object != NULL && PyObject_GetBuffer(valid_object, &valid, PyBUF_SIMPLE) < 0)
        return -1;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    t->length = n;
    t->chars = PyMem_RawMalloc((size_t)(n + 1) * sizeof(Py_UCS4));
    t->valid = PyMem_RawCalloc((size_t)n + 1, 1);
    if (!t->chars || !t->valid) {
        if (valid_object != NULL)
            PyBuffer_Release(&valid);
        PyErr_NoMemory();
        return -1;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < n; i++)
        t->chars[i] = PyUnicode_READ(kind, data, i);
    if (valid_object != NULL) {
        memcpy(t->valid, valid.buf, (size_t)(valid.len < n + 1 ? valid.len : n + 1));
        PyBuffer_Release(&valid);
    }
    return 0;
}

static void free_text(Text *t)
{
    PyMem_RawFree(t->chars);
    PyMem_RawFree(t->valid);
    t->chars = NULL;
    t->valid = NULL;
}

/* Where the words that start at each offset of a text end, shortest first: ends[at[i]] up to
 * ends[at[i + 1]] (see Dictionary.cluster_ends). */
typedef struct {
    Py_ssize_t *at;
    Py_ssize_t *ends;
} Table;

static void free_table(Table *table)
{
    PyMem_RawFree(table->at);
    PyMem_RawFree(table->ends);
    table->at = table->ends = NULL;
}

/* Fill the table of a text: from each cluster start (0 and every cluster end but the last),
 * the words read a cluster at a time until none goes on. 0, or FAILED_MEMORY. */
static int fill_table(const WordList *words, const WordList *added, const Text *t, Table *table)
{
    Py_ssize_t n = t->length, used = 0, room = n + 16, count = 0;
    Py_ssize_t *stops = PyMem_RawMalloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    table->at = PyMem_RawMalloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    table->ends = PyMem_RawMalloc((size_t)room * sizeof(Py_ssize_t));
    if (!stops || !table->at || !table->ends) {
        PyMem_RawFree(stops);
        return FAILED_MEMORY;
    }
    for (Py_ssize_t i = 1; i <= n; i++)
        if (t->valid[i])
            stops[count++] = i;
    Py_ssize_t k = 0; /* the next start is stops[k - 1] (0 for k == 0) */
    for (Py_ssize_t start = 0; start < n; start++) {
        table->at[start] = used;
        if (k >= count || start != (k == 0 ? 0 : stops[k - 1]))
            continue;
        Range base = {words, 0};
        Range extra = {added, 0};
        Py_ssize_t depth = 0;
        for (Py_ssize_t s = k; s < count; s++) {
            Py_ssize_t end = stops[s];
            while (depth < end - start) {
                Py_UCS4 c = t->chars[start + depth++];
                narrow(&base, c);
                narrow(&extra, c);
            }
            int kind = kind_of(&base) | kind_of(&extra);
            if (kind & WORD) {
                if (used == room) {
                    room *= 2;
                    Py_ssize_t *more = PyMem_RawRealloc(table->ends, (size_t)room * sizeof(Py_ssize_t));
                    if (more == NULL) {
                        PyMem_RawFree(stops);
                        return FAILED_MEMORY;
                    }
                    table->ends = more;
                }
                table->ends[used++] = end;
            }
            if (!(kind & LONGER))
                break;
        }
        k++;
    }
    table->at[n] = used;
    PyMem_RawFree(stops);
    return 0;
}

/* The table as Python lists, one for each offset (a new reference, or NULL). */
static PyObject *table_lists(const Table *table, Py_ssize_t n)
{
    PyObject *lists = PyList_New(n);
    if (lists == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *ends = PyList_New(table->at[i + 1] - table->at[i]);
        if (ends == NULL) {
            Py_DECREF(lists);
            return NULL;
        }
        PyList_SET_ITEM(lists, i, ends);
        for (Py_ssize_t e = table->at[i]; e < table->at[i + 1]; e++) {
            PyObject *number = PyLong_FromSsize_t(table->ends[e]);
            if (number == NULL) {
                Py_DECREF(lists);
                return NULL;
            }
            PyList_SET_ITEM(ends, e - table->at[i], number);
        }
    }
    return lists;
}

/* Where newmm goes on after a piece the dictionary does not know, starting at begin: an
 * offset past begin, or a FAILED_ code. */
typedef struct Skip {
    Py_ssize_t (*end)(struct Skip *skip, Py_ssize_t begin);
    const Text *text;
    const Table *table;
    /* for the Python skip_end: the run, its valid and the table as lists, made once asked */
    PyObject *function, *run, *valid, *lists;
} Skip;

/* dictionary.skip_end for a run of Thai letters only, which its non-Thai pattern never
 * matches: the first cluster end after begin where a word starts that is longer than two
 * letters or holds a letter that is no consonant (not [ก-ฮ]{,2}); else the run's end. */
static Py_ssize_t thai_skip_end(Skip *skip, Py_ssize_t begin)
{
    const Text *t = skip->text;
    const Table *table = skip->table;
    for (Py_ssize_t p = begin + 1; p < t->length; p++) {
        if (!t->valid[p])
            continue;
        for (Py_ssize_t e = table->at[p]; e < table->at[p + 1]; e++) {
            Py_ssize_t stop = table->ends[e];
            if (stop - p > 2)
                return p;
            for (Py_ssize_t q = p; q < stop; q++)
                if (t->chars[q] < 0x0E01 || t->chars[q] > 0x0E2E)
                    return p;
        }
    }
    return t->length;
}

/* The skip_end given from Python, for any other text (needs the interpreter). */
static Py_ssize_t python_skip_end(Skip *skip, Py_ssize_t begin)
{
    if (skip->lists == NULL) {
        skip->lists = table_lists(skip->table, skip->text->length);
        if (skip->lists == NULL)
            return FAILED_PYTHON;
    }
    PyObject *result =
        PyObject_CallFunction(skip->function, "OnOO", skip->run, begin, skip->valid, skip->lists);
    if (result == NULL)
        return FAILED_PYTHON;
    Py_ssize_t end = PyLong_AsSsize_t(result);
    Py_DECREF(result);
    if (end == -1 && PyErr_Occurred())
        return FAILED_PYTHON;
    return end;
}

/* Whether every character of a run is a Thai letter, vowel or mark (U+0E01..U+0E4E). */
static int thai_letters(const Text *t)
{
    for (Py_ssize_t i = 0; i < t->length; i++)
        if (t->chars[i] < 0x0E01 || t->chars[i] > 0x0E4E)
            return 0;
    return 1;
}

/* The cuts of newmm's maximal matching (see dictionary.newmm_cuts). cuts holds room for
 * length + 1 offsets; a cut is never repeated. */
typedef struct {
    Py_ssize_t length;
    Py_ssize_t *queue; /* ascending, distinct: heappop takes the first */
    Py_ssize_t queued;
    Py_ssize_t *edge_from, *edge_to; /* the graph's edges, in the order they were added */
    Py_ssize_t edges, edge_room;
    Py_ssize_t *first_edge, *edge_count; /* a node's edges are consecutive */
    Py_ssize_t *seen, stamp;             /* a node is seen when seen[node] == stamp */
    Py_ssize_t *parent, *bfs;
} Newmm;

static int queued(const Newmm *m, Py_ssize_t value)
{
    for (Py_ssize_t i = 0; i < m->queued; i++)
        if (m->queue[i] == value)
            return 1;
    return 0;
}

static void push(Newmm *m, Py_ssize_t value)
{
    Py_ssize_t i = m->queued++;
    while (i > 0 && m->queue[i - 1] > value) {
        m->queue[i] = m->queue[i - 1];
        i--;
    }
    m->queue[i] = value;
}

static Py_ssize_t pop(Newmm *m)
{
    Py_ssize_t value = m->queue[0];
    memmove(m->queue, m->queue + 1, (size_t)(--m->queued) * sizeof(Py_ssize_t));
    return value;
}

static int add_edge(Newmm *m, Py_ssize_t from, Py_ssize_t to)
{
    if (m->edges == m->edge_room) {
        Py_ssize_t room = m->edge_room * 2 + 64;
        Py_ssize_t *edge_from = PyMem_RawRealloc(m->edge_from, (size_t)room * sizeof(Py_ssize_t));
        if (edge_from == NULL)
            return FAILED_MEMORY;
        m->edge_from = edge_from;
        Py_ssize_t *edge_to = PyMem_RawRealloc(m->edge_to, (size_t)room * sizeof(Py_ssize_t));
        if (edge_to == NULL)
            return FAILED_MEMORY;
        m->edge_to = edge_to;
        m->edge_room = room;
    }
    if (m->seen[from] != m->stamp) {
        m->seen[from] = m->stamp;
        m->first_edge[from] = m->edges;
        m->edge_count[from] = 0;
    }
    m->edge_count[from]++;
    m->edge_from[m->edges] = from;
    m->edge_to[m->edges++] = to;
    return 0;
}

/* Appends to cuts the path after start to goal that a breadth-first search finds first. */
static Py_ssize_t shortest_path(Newmm *m, Py_ssize_t start, Py_ssize_t goal, Py_ssize_t *cuts,
                                Py_ssize_t ncuts)
{
    /* nodes with edges carry the graph's stamp; the search marks what it visits with the next
     * stamp, which the graph is cleared to right after */
    Py_ssize_t visit = m->stamp + 1;
    Py_ssize_t *visited = m->parent + m->length + 1; /* the second half: visit stamps */
    Py_ssize_t head = 0, tail = 0;
    m->bfs[tail++] = start;
    visited[start] = visit;
    m->parent[start] = -1;
    while (head < tail) {
        Py_ssize_t node = m->bfs[head++];
        if (m->seen[node] != m->stamp)
            continue;
        Py_ssize_t e = m->first_edge[node], last = e + m->edge_count[node];
        for (; e < last; e++) {
            Py_ssize_t next = m->edge_to[e];
            if (next == goal) {
                Py_ssize_t steps = 1;
                for (Py_ssize_t at = node; at != start; at = m->parent[at])
                    steps++;
                Py_ssize_t at = node, i = ncuts + steps - 1;
                cuts[i--] = goal;
                for (; at != start; at = m->parent[at])
                    cuts[i--] = at;
                return ncuts + steps;
            }
            if (visited[next] != visit) {
                visited[next] = visit;
                m->parent[next] = node;
                m->bfs[tail++] = next;
            }
        }
    }
    return FAILED_PATH;
}

static Py_ssize_t newmm(Newmm *m, const Table *table, Skip *skip, Py_ssize_t *cuts)
{
    Py_ssize_t length = m->length, ncuts = 0, end = 0;
    m->queued = 0;
    push(m, 0);
    m->stamp += 2;
    Py_ssize_t size = 0;
    while (m->queue[0] < length) {
        Py_ssize_t begin = pop(m);
        for (Py_ssize_t e = table->at[begin]; e < table->at[begin + 1]; e++) {
            Py_ssize_t stop = table->ends[e];
            if (add_edge(m, begin, stop) < 0)
                return FAILED_MEMORY;
            size++;
            if (!queued(m, stop))
                push(m, stop);
            if (size > MAX_GRAPH_SIZE)
                break;
        }
        if (m->queued == 1) {
            ncuts = shortest_path(m, end, m->queue[0], cuts, ncuts);
            if (ncuts < 0)
                return ncuts;
            end = cuts[ncuts - 1];
            size = 0;
            m->edges = 0;
            m->stamp += 2;
        }
        else if (m->queued == 0) {
            end = skip->end(skip, begin);
            if (end == FAILED_PYTHON)
                return end;
            if (end <= begin || end > length || ncuts > length)
                return FAILED_SKIP;
            size = 0;
            m->edges = 0;
            m->stamp += 2;
            cuts[ncuts++] = end;
            push(m, end);
        }
    }
    return ncuts;
}

/* A run's boundaries: on every fewest-words segmentation (safe), and newmm's others (inside),
 * each ascending, in memory of their own. */
typedef struct {
    Py_ssize_t *safe, *inside;
    Py_ssize_t nsafe, ninside;
} Breaks;

static void free_breaks(Breaks *breaks)
{
    PyMem_RawFree(breaks->safe);
    PyMem_RawFree(breaks->inside);
    breaks->safe = breaks->inside = NULL;
}

/* The boundaries on every fewest-words segmentation of the cuts, and the cuts' others (see
 * segment._run_breaks). 0, or FAILED_MEMORY. */
static int fewest_words(const Text *t, const Table *table, Py_ssize_t *cuts, Py_ssize_t ncuts,
                        Breaks *breaks)
{
    Py_ssize_t n = t->length, size = n + 1;
    int status = FAILED_MEMORY;
    Py_ssize_t *own = PyMem_RawMalloc((size_t)size * sizeof(Py_ssize_t));
    Py_ssize_t *first = PyMem_RawMalloc((size_t)size * sizeof(Py_ssize_t));
    Py_ssize_t *rest = PyMem_RawMalloc((size_t)size * sizeof(Py_ssize_t));
    Py_ssize_t *covered = PyMem_RawCalloc((size_t)size + 1, sizeof(Py_ssize_t));
    Py_ssize_t *reach_at = PyMem_RawMalloc((size_t)(size + 1) * sizeof(Py_ssize_t));
    unsigned char *node = PyMem_RawCalloc((size_t)size, 1);
    /* each node's reach: its table's ends, its own newmm token and an end mark */
    Py_ssize_t *reach = PyMem_RawMalloc((size_t)(table->at[n] + 2 * size + 1) * sizeof(Py_ssize_t));
    breaks->safe = PyMem_RawMalloc((size_t)size * sizeof(Py_ssize_t));
    breaks->inside = PyMem_RawMalloc((size_t)size * sizeof(Py_ssize_t));
    breaks->nsafe = breaks->ninside = 0;
    if (!own || !first || !rest || !covered || !reach_at || !node || !reach || !breaks->safe ||
        !breaks->inside)
        goto done;
    Py_ssize_t unreached = n + 1;
    for (Py_ssize_t i = 0; i < size; i++) {
        own[i] = -1;
        first[i] = rest[i] = unreached;
        reach_at[i] = -1;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        node[i] = t->valid[i] != 0;
    node[0] = 1;
    for (Py_ssize_t k = 0; k < ncuts; k++)
        own[k == 0 ? 0 : cuts[k - 1]] = cuts[k];
    ncuts--; /* the last cut is the end of the run */
    for (Py_ssize_t k = 0; k < ncuts; k++)
        node[cuts[k]] = 1;
    /* fewest words from the start to each position; reach_at[i] .. reach_at[i + 1] would not
     * do, as a node may have no reach: each list ends with -1 */
    Py_ssize_t used = 0;
    first[0] = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        if (!node[i] || first[i] == unreached)
            continue;
        Py_ssize_t begin = used;
        int has_token = own[i] < 0;
        if (i < n) {
            for (Py_ssize_t e = table->at[i]; e < table->at[i + 1]; e++) {
                reach[used++] = table->ends[e];
                has_token |= table->ends[e] == own[i];
            }
        }
        if (!has_token)
            reach[used++] = own[i];
        if (used == begin)
            continue;
        reach[used++] = -1;
        reach_at[i] = begin;
        Py_ssize_t step = first[i] + 1;
        for (Py_ssize_t e = begin; reach[e] >= 0; e++)
            if (step < first[reach[e]])
                first[reach[e]] = step;
    }
    /* fewest words from each position to the end */
    rest[n] = 0;
    for (Py_ssize_t i = n; i >= 0; i--) {
        if (reach_at[i] < 0)
            continue;
        Py_ssize_t best = -1;
        for (Py_ssize_t e = reach_at[i]; reach[e] >= 0; e++)
            if (best < 0 || rest[reach[e]] < best)
                best = rest[reach[e]];
        rest[i] = best + 1;
    }
    Py_ssize_t total = first[n];
    /* how many words of a fewest-words segmentation hold each position strictly inside */
    for (Py_ssize_t i = 0; i < size; i++) {
        if (reach_at[i] < 0 || first[i] + rest[i] != total)
            continue;
        for (Py_ssize_t e = reach_at[i]; reach[e] >= 0; e++) {
            Py_ssize_t j = reach[e];
            if (j - i > 1 && first[i] + 1 + rest[j] == total) {
                covered[i + 1]++;
                covered[j]--;
            }
        }
    }
    Py_ssize_t depth = 0;
    for (Py_ssize_t p = 0; p < size; p++) {
        depth += covered[p]; /* how many words hold p inside */
        if (p && node[p] && !depth && first[p] + rest[p] == total) {
            breaks->safe[breaks->nsafe++] = p;
            node[p] = 2; /* chosen */
        }
    }
    for (Py_ssize_t k = 0; k < ncuts; k++)
        if (node[cuts[k]] != 2)
            breaks->inside[breaks->ninside++] = cuts[k];
    status = 0;
done:
    PyMem_RawFree(own);
    PyMem_RawFree(first);
    PyMem_RawFree(rest);
    PyMem_RawFree(covered);
    PyMem_RawFree(reach_at);
    PyMem_RawFree(node);
    PyMem_RawFree(reach);
    return status;
}

/* newmm over a run, then the fewest words: its breaks, or a FAILED_ code (breaks then hold
 * nothing to free). */
static int run_core(const WordList *words, const WordList *added, const Text *t, Skip *skip,
                    Breaks *breaks)
{
    Py_ssize_t n = t->length;
    Table table = {NULL, NULL};
    Newmm m = {0};
    m.length = n;
    breaks->safe = breaks->inside = NULL;
    breaks->nsafe = breaks->ninside = 0;
    size_t words_size = (size_t)(n + 2) * sizeof(Py_ssize_t);
    Py_ssize_t *cuts = PyMem_RawMalloc(words_size);
    m.queue = PyMem_RawMalloc(words_size);
    m.first_edge = PyMem_RawMalloc(words_size);
    m.edge_count = PyMem_RawMalloc(words_size);
    m.seen = PyMem_RawCalloc((size_t)n + 1, sizeof(Py_ssize_t));
    m.parent = PyMem_RawCalloc(2 * ((size_t)n + 1), sizeof(Py_ssize_t));
    m.bfs = PyMem_RawMalloc(words_size);
    int status = FAILED_MEMORY;
    if (!cuts || !m.queue || !m.first_edge || !m.edge_count || !m.seen || !m.parent || !m.bfs)
        goto done;
    status = fill_table(words, added, t, &table);
    if (status < 0)
        goto done;
    skip->table = &table;
    skip->text = t;
    Py_ssize_t ncuts = newmm(&m, &table, skip, cuts);
    if (ncuts < 0) {
        status = (int)ncuts;
        goto done;
    }
    status = ncuts < 2 ? 0 : fewest_words(t, &table, cuts, ncuts, breaks);
done:
    if (status < 0)
        free_breaks(breaks);
    free_table(&table);
    PyMem_RawFree(cuts);
    PyMem_RawFree(m.queue);
    PyMem_RawFree(m.first_edge);
    PyMem_RawFree(m.edge_count);
    PyMem_RawFree(m.seen);
    PyMem_RawFree(m.parent);
    PyMem_RawFree(m.bfs);
    PyMem_RawFree(m.edge_from);
    PyMem_RawFree(m.edge_to);
    return status;
}

/* Set the exception of a FAILED_ code (FAILED_PYTHON has its own set). */
static void raise_failure(int status)
{
    if (status == FAILED_MEMORY)
        PyErr_NoMemory();
    else if (status == FAILED_PATH)
        PyErr_SetString(PyExc_ValueError, "newmm found no path between two cuts");
    else if (status == FAILED_SKIP)
        PyErr_SetString(PyExc_ValueError, "skip_end must move forward within the text");
}

/* An ascending tuple of offsets, kept in a cache: out of the cycle collector's reach, as it
 * would put it itself after walking it once (a new reference, or NULL). */
static PyObject *offsets_tuple(const Py_ssize_t *offsets, Py_ssize_t count)
{
    PyObject *tuple = PyTuple_New(count);
    if (tuple == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *number = PyLong_FromSsize_t(offsets[i]);
        if (number == NULL) {
            Py_DECREF(tuple);
            return NULL;
        }
        PyTuple_SET_ITEM(tuple, i, number);
    }
    if (count)
        PyObject_GC_UnTrack(tuple);
    return tuple;
}

/* (safe, inside) as tuples (a new reference, or NULL). */
static PyObject *breaks_tuple(const Breaks *breaks)
{
    PyObject *safe = offsets_tuple(breaks->safe, breaks->nsafe);
    PyObject *inside = offsets_tuple(breaks->inside, breaks->ninside);
    PyObject *result = safe && inside ? PyTuple_Pack(2, safe, inside) : NULL;
    if (result != NULL)
        PyObject_GC_UnTrack(result);
    Py_XDECREF(safe);
    Py_XDECREF(inside);
    return result;
}

/* Table lists for cluster_ends (a new reference, or NULL). */
static PyObject *cluster_ends(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *words, *added, *text, *valid;
    if (!PyArg_ParseTuple(args, "O!O!UO:cluster_ends", &WordListType, &words, &WordListType,
                          &added, &text, &valid))
        return NULL;
    Text t = {0, NULL, NULL};
    Table table = {NULL, NULL};
    PyObject *lists = NULL;
    if (read_text(text, valid, &t) == 0) {
        if (fill_table((WordList *)words, (WordList *)added, &t, &table) < 0)
            PyErr_NoMemory();
        else
            lists = table_lists(&table, t.length);
    }
    free_table(&table);
    free_text(&t);
    return lists;
}

static PyObject *run_breaks(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *words, *added, *text, *valid, *skip_end;
    if (!PyArg_ParseTuple(args, "O!O!UOO:run_breaks", &WordListType, &words, &WordListType,
                          &added, &text, &valid, &skip_end))
        return NULL;
    Text t = {0, NULL, NULL};
    if (read_text(text, valid, &t) < 0)
        return NULL;
    /* a run of Thai letters skips in C; other text through the given skip_end */
    Skip skip = {thai_letters(&t) ? thai_skip_end : python_skip_end, NULL, NULL, skip_end,
                 text, valid, NULL};
    Breaks breaks;
    int status = run_core((WordList *)words, (WordList *)added, &t, &skip, &breaks);
    Py_XDECREF(skip.lists);
    free_text(&t);
    if (status < 0) {
        raise_failure(status);
        return NULL;
    }
    PyObject *result = breaks_tuple(&breaks);
    free_breaks(&breaks);
    return result;
}

/* ---- the runs of text to come: their breaks found by the worker thread (_worker.h) ----
 *
 * A document's paragraphs are known before the first is laid out: the breaks of their Thai
 * runs are found meanwhile, in order, and the layout takes each as it comes to it. */

typedef struct {
    PyObject_HEAD
    Job job;                 /* finding them all, for the worker */
    PyObject *words, *added; /* kept while the worker reads them */
    Pattern clusters;        /* the cluster pattern, the worker's own copy */
    Py_ssize_t count;
    Text *texts;
    Breaks *breaks;
    int *status;     /* per run: 0, 1 where it holds other than Thai letters, or a FAILED_ code */
    Py_ssize_t done; /* the runs the worker is through with (under the worker's lock) */
    int dropped;     /* no run is wanted any more: the worker stops (under the worker's lock) */
} Ahead;

/* Find the breaks of a job's runs, in order, telling each as it is found. */
static void find_all(Job *job)
{
    Ahead *self = (Ahead *)((char *)job - offsetof(Ahead, job));
    for (Py_ssize_t i = 0; i < self->count; i++) {
        Text *t = &self->texts[i];
        Chars chars = {PyUnicode_4BYTE_KIND, t->chars, t->length};
        mark_clusters(&self->clusters, &chars, t->valid);
        int status = 1;
        if (thai_letters(t)) {
            Skip skip = {thai_skip_end, NULL, NULL, NULL, NULL, NULL, NULL};
            status = run_core((WordList *)self->words, (WordList *)self->added, t, &skip,
                              &self->breaks[i]);
        }
        pthread_mutex_lock(&worker_lock);
        self->status[i] = status;
        self->done = i + 1;
        pthread_cond_broadcast(&worker_finished);
        int dropped = self->dropped;
        pthread_mutex_unlock(&worker_lock);
        if (dropped)
            return;
    }
}

static PyObject *ahead_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *words, *added, *pattern, *runs;
    static char *keywords[] = {"words", "added", "clusters", "runs", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!O!O!O!:Ahead", keywords, &WordListType,
                                     &words, &WordListType, &added, &PyTuple_Type, &pattern,
                                     &PyList_Type, &runs))
        return NULL;
    if (read_pattern(pattern) < 0)
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(runs);
    for (Py_ssize_t i = 0; i < count; i++)
        if (!PyUnicode_Check(PyList_GET_ITEM(runs, i))) {
            PyErr_SetString(PyExc_TypeError, "the runs are str");
            return NULL;
        }
    Ahead *self = (Ahead *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->job.pid = getpid();
    self->words = Py_NewRef(words);
    self->added = Py_NewRef(added);
    self->texts = PyMem_RawCalloc((size_t)count + 1, sizeof(Text));
    self->breaks = PyMem_RawCalloc((size_t)count + 1, sizeof(Breaks));
    self->status = PyMem_RawCalloc((size_t)count + 1, sizeof(int));
    if (!self->texts || !self->breaks || !self->status || copy_pattern(&last, &self->clusters) < 0) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    /* read while the list is as checked: reading runs no Python code */
    for (Py_ssize_t i = 0; i < count && i < PyList_GET_SIZE(runs); i++) {
        if (read_text(PyList_GET_ITEM(runs, i), NULL, &self->texts[i]) < 0) {
            Py_DECREF(self);
            return NULL;
        }
        self->count = i + 1;
    }
    self->job.run = find_all;
    worker_submit(&self->job);
    return (PyObject *)self;
}

static PyObject *ahead_result(Ahead *self, PyObject *argument)
{
    Py_ssize_t i = PyLong_AsSsize_t(argument);
    if (i == -1 && PyErr_Occurred())
        return NULL;
    if (i < 0 || i >= self->count) {
        PyErr_SetString(PyExc_IndexError, "no such run");
        return NULL;
    }
    if (self->job.pid != getpid()) /* forked: the job was the parent's worker's */
        Py_RETURN_NONE;
    int status;
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&worker_lock);
    while (self->done <= i)
        pthread_cond_wait(&worker_finished, &worker_lock);
    status = self->status[i];
    pthread_mutex_unlock(&worker_lock);
    Py_END_ALLOW_THREADS
    if (status != 0) /* other text, or a failure: the caller finds them as usual */
        Py_RETURN_NONE;
    return breaks_tuple(&self->breaks[i]);
}

/* Take a job out of the queue, or stop the worker at its next run and wait for it. */
static void drop(Ahead *self)
{
    pthread_mutex_lock(&worker_lock);
    worker_unqueue(&self->job);
    self->dropped = 1;
    worker_wait(&self->job);
    pthread_mutex_unlock(&worker_lock);
}

static void ahead_dealloc(Ahead *self)
{
    if (self->job.pid == getpid()) { /* the worker reads the texts and writes the breaks */
        Py_BEGIN_ALLOW_THREADS
        drop(self);
        Py_END_ALLOW_THREADS
    }
    for (Py_ssize_t i = 0; i < self->count; i++) {
        free_text(&self->texts[i]);
        free_breaks(&self->breaks[i]);
    }
    PyMem_RawFree(self->texts);
    PyMem_RawFree(self->breaks);
    PyMem_RawFree(self->status);
    PyMem_RawFree(self->clusters.atoms);
    PyMem_RawFree(self->clusters.starts);
    Py_XDECREF(self->words);
    Py_XDECREF(self->added);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef ahead_methods[] = {
    {"result", (PyCFunction)ahead_result, METH_O,
     PyDoc_STR("result(i): (safe, inside) of run i once found, None where it is left to the "
               "caller (other than Thai letters).")},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject AheadType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "thaidocs.thai._speedups.Ahead",
    .tp_doc = PyDoc_STR("Ahead(words, added, clusters, runs): the breaks of runs found by "
                        "the worker thread, their clusters by the pattern clusters."),
    .tp_basicsize = sizeof(Ahead),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = ahead_new,
    .tp_dealloc = (destructor)ahead_dealloc,
    .tp_methods = ahead_methods,
};

/* Where the words of a tuple (longest first, none empty) are found in a text, left to right,
 * without overlapping: at each offset the first word that starts there, else the next offset
 * (as a regular expression of the words as alternatives finds them). */
typedef struct {
    Py_UCS4 first;
    Py_ssize_t length;
    int kind;
    const void *data;
} Word;

static int starts_with(const Word *word, int kind, const void *data, Py_ssize_t at)
{
    for (Py_ssize_t i = 1; i < word->length; i++)
        if (PyUnicode_READ(word->kind, word->data, i) != PyUnicode_READ(kind, data, at + i))
            return 0;
    return 1;
}

static PyObject *find_words(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *words_tuple, *text;
    if (!PyArg_ParseTuple(args, "O!U:find_words", &PyTuple_Type, &words_tuple, &text))
        return NULL;
    Py_ssize_t count = PyTuple_GET_SIZE(words_tuple);
    Word *words = PyMem_New(Word, count + 1);
    if (words == NULL)
        return PyErr_NoMemory();
    PyObject *found = NULL;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *word = PyTuple_GET_ITEM(words_tuple, k);
        if (!PyUnicode_Check(word) || PyUnicode_GET_LENGTH(word) == 0) {
            PyErr_SetString(PyExc_ValueError, "find_words: the words must be non-empty str");
            goto done;
        }
        words[k].kind = PyUnicode_KIND(word);
        words[k].data = PyUnicode_DATA(word);
        words[k].length = PyUnicode_GET_LENGTH(word);
        words[k].first = PyUnicode_READ(words[k].kind, words[k].data, 0);
    }
    found = PyList_New(0);
    if (found == NULL)
        goto done;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t position = 0;
    while (position < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, position);
        Py_ssize_t end = -1;
        for (Py_ssize_t k = 0; k < count; k++)
            if (words[k].first == c && words[k].length <= n - position &&
                starts_with(&words[k], kind, data, position)) {
                end = position + words[k].length;
                break;
            }
        if (end < 0) {
            position++;
            continue;
        }
        PyObject *span = Py_BuildValue("(nn)", position, end);
        if (span == NULL || PyList_Append(found, span) < 0) {
            Py_XDECREF(span);
            Py_CLEAR(found);
            goto done;
        }
        Py_DECREF(span);
        position = end;
    }
done:
    PyMem_Free(words);
    return found;
}

static PyMethodDef methods[] = {
    {"cluster_ends", cluster_ends, METH_VARARGS,
     "cluster_ends(words, added, text, valid): where the words of the sorted lists that start "
     "at each offset of text end, shortest first, counting only ends where valid is set."},
    {"run_breaks", run_breaks, METH_VARARGS,
     "run_breaks(words, added, run, valid, skip_end): (safe, inside) word boundaries of a run "
     "of Thai letters, as segment._run_breaks gives them."},
    {"cluster_boundaries", cluster_boundaries, METH_VARARGS,
     "cluster_boundaries(pattern, text): 1 where a Thai character cluster of text ends, as "
     "dictionary.tcc_boundaries marks them."},
    {"find_words", find_words, METH_VARARGS,
     "find_words(words, text): the (start, end) of each of the words (longest first) found in "
     "text, left to right, not overlapping, as segment.Segmenter.words_in finds them."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_speedups",
    .m_doc = "Word boundaries of Thai text in C, the same answers as the Python beside it.",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC PyInit__speedups(void)
{
    if (PyType_Ready(&WordListType) < 0 || PyType_Ready(&AheadType) < 0 || worker_setup() < 0)
        return NULL;
    PyObject *result = PyModule_Create(&module);
    if (result == NULL)
        return NULL;
    if (PyModule_AddObjectRef(result, "WordList", (PyObject *)&WordListType) < 0 ||
        PyModule_AddObjectRef(result, "Ahead", (PyObject *)&AheadType) < 0) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
}
