/* Word boundaries of Thai text in C: the same answers as dictionary.py and segment.py, whose
 * Python is the specification and the fallback where this module is not built.
 *
 * cluster_ends: the words of a sorted list that start at each cluster start of a text, found
 * by walking the list's trie a character at a time.
 * run_breaks: newmm's maximal matching over those words, then the boundaries every
 * segmentation into the fewest words agrees on.
 * find_words: where a document's own words are in a text.
 * cluster_boundaries: where Thai character clusters end, by the alternatives of their pattern.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

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

/* The stops of a text: the offsets after its start where valid is set. */
static Py_ssize_t read_stops(Py_buffer *valid, Py_ssize_t length, Py_ssize_t *stops)
{
    const unsigned char *flags = valid->buf;
    Py_ssize_t count = 0;
    Py_ssize_t limit = valid->len < length + 1 ? valid->len : length + 1;
    for (Py_ssize_t i = 1; i < limit; i++)
        if (flags[i])
            stops[count++] = i;
    return count;
}

/* For each offset of text, a list of where the words starting there end (see
 * Dictionary.cluster_ends); a new reference, or NULL after an error. */
static PyObject *ends_table(const WordList *words, const WordList *added, PyObject *text,
                            Py_buffer *valid)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_ssize_t *stops = PyMem_New(Py_ssize_t, length + 1);
    if (stops == NULL)
        return PyErr_NoMemory();
    PyObject *table = PyList_New(length);
    if (table == NULL)
        goto fail;
    for (Py_ssize_t i = 0; i < length; i++) {
        PyObject *empty = PyList_New(0);
        if (empty == NULL)
            goto fail;
        PyList_SET_ITEM(table, i, empty);
    }
    Py_ssize_t count = read_stops(valid, length, stops);
    int kind_len = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    /* the starts are 0 and every stop but the last; the k-th reads stops[k:] */
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_ssize_t start = k == 0 ? 0 : stops[k - 1];
        if (start >= length) {
            PyErr_SetString(PyExc_IndexError, "a cluster starts past the text");
            goto fail;
        }
        Range base = {words, 0};
        Range extra = {added, 0};
        PyObject *found = PyList_New(0);
        if (found == NULL)
            goto fail;
        if (PyList_SetItem(table, start, found) < 0) /* steals, and releases the empty list */
            goto fail;
        Py_ssize_t depth = 0;
        for (Py_ssize_t s = k; s < count; s++) {
            Py_ssize_t end = stops[s];
            while (depth < end - start) {
                Py_UCS4 c = PyUnicode_READ(kind_len, data, start + depth);
                depth++;
                narrow(&base, c);
                narrow(&extra, c);
            }
            int kind = kind_of(&base) | kind_of(&extra);
            if (kind & WORD) {
                PyObject *number = PyLong_FromSsize_t(end);
                if (number == NULL || PyList_Append(found, number) < 0) {
                    Py_XDECREF(number);
                    goto fail;
                }
                Py_DECREF(number);
            }
            if (!(kind & LONGER))
                break;
        }
    }
    PyMem_Free(stops);
    return table;
fail:
    PyMem_Free(stops);
    Py_XDECREF(table);
    return NULL;
}

static PyObject *cluster_ends(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *words, *added, *text;
    Py_buffer valid;
    if (!PyArg_ParseTuple(args, "O!O!Uy*:cluster_ends", &WordListType, &words, &WordListType,
                          &added, &text, &valid))
        return NULL;
    PyObject *table = ends_table((WordList *)words, (WordList *)added, text, &valid);
    PyBuffer_Release(&valid);
    return table;
}

/* The list of word ends at offset i of a table, NULL after an error (skip_end, given the
 * table, may have put something else there). */
static PyObject *ends_at(PyObject *table, Py_ssize_t i)
{
    PyObject *ends = PyList_GET_ITEM(table, i);
    if (!PyList_Check(ends)) {
        PyErr_SetString(PyExc_TypeError, "a table holds lists of word ends");
        return NULL;
    }
    return ends;
}

/* An offset from a table's list, -1 after an error. */
static Py_ssize_t offset_in(PyObject *ends, Py_ssize_t i, Py_ssize_t length)
{
    Py_ssize_t value = PyLong_AsSsize_t(PyList_GET_ITEM(ends, i));
    if (value == -1 && PyErr_Occurred())
        return -1;
    if (value < 0 || value > length) {
        PyErr_SetString(PyExc_ValueError, "a word ends outside its text");
        return -1;
    }
    return value;
}

/* The cuts of newmm's maximal matching (see dictionary.newmm_cuts), or -1 after an error.
 * cuts holds room for length + 1 offsets; a cut is never repeated. */
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
        if (!PyMem_Resize(m->edge_from, Py_ssize_t, room) ||
            !PyMem_Resize(m->edge_to, Py_ssize_t, room)) {
            PyErr_NoMemory();
            return -1;
        }
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
    PyErr_Format(PyExc_ValueError, "no path from %zd to %zd", start, goal);
    return -1;
}

static Py_ssize_t newmm(Newmm *m, PyObject *text, PyObject *valid, PyObject *table,
                        PyObject *skip_end, Py_ssize_t *cuts)
{
    Py_ssize_t length = m->length, ncuts = 0, end = 0;
    m->queued = 0;
    push(m, 0);
    m->stamp += 2;
    Py_ssize_t size = 0;
    while (m->queue[0] < length) {
        Py_ssize_t begin = pop(m);
        PyObject *ends = ends_at(table, begin);
        if (ends == NULL)
            return -1;
        Py_ssize_t count = PyList_GET_SIZE(ends);
        for (Py_ssize_t i = 0; i < count; i++) {
            Py_ssize_t stop = offset_in(ends, i, length);
            if (stop >= 0 && stop <= begin) { /* a path only goes forward: the cuts ascend */
                PyErr_SetString(PyExc_ValueError, "a word ends after it starts");
                return -1;
            }
            if (stop < 0 || add_edge(m, begin, stop) < 0)
                return -1;
            size++;
            if (!queued(m, stop))
                push(m, stop);
            if (size > MAX_GRAPH_SIZE)
                break;
        }
        if (m->queued == 1) {
            ncuts = shortest_path(m, end, m->queue[0], cuts, ncuts);
            if (ncuts < 0)
                return -1;
            end = cuts[ncuts - 1];
            size = 0;
            m->edges = 0;
            m->stamp += 2;
        }
        else if (m->queued == 0) {
            PyObject *result = PyObject_CallFunction(skip_end, "OnOO", text, begin, valid, table);
            if (result == NULL)
                return -1;
            if (PyList_GET_SIZE(table) != length) {
                Py_DECREF(result);
                PyErr_SetString(PyExc_RuntimeError, "skip_end changed the table");
                return -1;
            }
            end = PyLong_AsSsize_t(result);
            Py_DECREF(result);
            if (end == -1 && PyErr_Occurred())
                return -1;
            if (end <= begin || end > length || ncuts > length) {
                PyErr_SetString(PyExc_ValueError, "skip_end must move forward within the text");
                return -1;
            }
            size = 0;
            m->edges = 0;
            m->stamp += 2;
            cuts[ncuts++] = end;
            push(m, end);
        }
    }
    return ncuts;
}

/* The boundaries on every fewest-words segmentation, and newmm's others (see
 * segment._run_breaks); a new reference, or NULL after an error. */
static PyObject *fewest_words(Py_ssize_t n, const unsigned char *flags, Py_ssize_t nflags,
                              PyObject *table, Py_ssize_t *cuts, Py_ssize_t ncuts)
{
    PyObject *result = NULL, *safe = NULL, *inside = NULL;
    Py_ssize_t size = n + 1;
    Py_ssize_t *own = PyMem_New(Py_ssize_t, size);
    Py_ssize_t *first = PyMem_New(Py_ssize_t, size);
    Py_ssize_t *rest = PyMem_New(Py_ssize_t, size);
    Py_ssize_t *covered = PyMem_New(Py_ssize_t, size + 1);
    Py_ssize_t *reach_at = PyMem_New(Py_ssize_t, size + 1); /* a node's reach in reach[] */
    unsigned char *node = PyMem_Malloc((size_t)size);
    Py_ssize_t *reach = NULL;
    if (!own || !first || !rest || !covered || !reach_at || !node) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t unreached = n + 1, room = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        own[i] = -1;
        first[i] = rest[i] = unreached;
        covered[i] = 0;
        node[i] = 0;
        reach_at[i] = -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *ends = ends_at(table, i);
        if (ends == NULL)
            goto done;
        room += PyList_GET_SIZE(ends) + 2; /* + token, end mark */
        if (i < nflags && flags[i])
            node[i] = 1;
    }
    node[0] = 1;
    for (Py_ssize_t k = 0; k < ncuts; k++)
        own[k == 0 ? 0 : cuts[k - 1]] = cuts[k];
    ncuts--; /* the last cut is the end of the run */
    for (Py_ssize_t k = 0; k < ncuts; k++)
        node[cuts[k]] = 1;
    reach = PyMem_New(Py_ssize_t, room + 1);
    if (!reach) {
        PyErr_NoMemory();
        goto done;
    }
    /* fewest words from the start to each position; reach_at[i] .. reach_at[i + 1] would not
     * do, as a node may have no reach: each list ends with -1 */
    Py_ssize_t used = 0;
    first[0] = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        if (!node[i] || first[i] == unreached)
            continue;
        PyObject *ends = i < n ? PyList_GET_ITEM(table, i) : NULL; /* lists, as seen above */
        Py_ssize_t count = ends ? PyList_GET_SIZE(ends) : 0, begin = used;
        int has_token = own[i] < 0;
        for (Py_ssize_t e = 0; e < count; e++) {
            Py_ssize_t j = offset_in(ends, e, n);
            if (j < 0)
                goto done;
            reach[used++] = j;
            has_token |= j == own[i];
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
    safe = PyList_New(0);
    inside = PyList_New(0);
    if (!safe || !inside)
        goto done;
    Py_ssize_t depth = 0;
    for (Py_ssize_t p = 0; p < size; p++) {
        depth += covered[p];
        covered[p] = depth; /* now: how many words hold p inside */
        if (p && node[p] && !depth && first[p] + rest[p] == total) {
            PyObject *number = PyLong_FromSsize_t(p);
            if (!number || PyList_Append(safe, number) < 0) {
                Py_XDECREF(number);
                goto done;
            }
            Py_DECREF(number);
            node[p] = 2; /* chosen */
        }
    }
    for (Py_ssize_t k = 0; k < ncuts; k++) {
        if (node[cuts[k]] == 2)
            continue;
        PyObject *number = PyLong_FromSsize_t(cuts[k]);
        if (!number || PyList_Append(inside, number) < 0) {
            Py_XDECREF(number);
            goto done;
        }
        Py_DECREF(number);
    }
    PyObject *safe_tuple = PyList_AsTuple(safe), *inside_tuple = PyList_AsTuple(inside);
    if (safe_tuple && inside_tuple)
        result = PyTuple_Pack(2, safe_tuple, inside_tuple);
    if (result != NULL) {
        /* offsets only, kept in a cache: out of the cycle collector's reach, as it would put
         * them itself after walking them once */
        PyObject_GC_UnTrack(safe_tuple);
        PyObject_GC_UnTrack(inside_tuple);
        PyObject_GC_UnTrack(result);
    }
    Py_XDECREF(safe_tuple);
    Py_XDECREF(inside_tuple);
done:
    Py_XDECREF(safe);
    Py_XDECREF(inside);
    PyMem_Free(own);
    PyMem_Free(first);
    PyMem_Free(rest);
    PyMem_Free(covered);
    PyMem_Free(reach_at);
    PyMem_Free(node);
    PyMem_Free(reach);
    return result;
}

static PyObject *run_breaks(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *words, *added, *text, *valid_object, *skip_end;
    if (!PyArg_ParseTuple(args, "O!O!UOO:run_breaks", &WordListType, &words, &WordListType,
                          &added, &text, &valid_object, &skip_end))
        return NULL;
    Py_buffer valid;
    if (PyObject_GetBuffer(valid_object, &valid, PyBUF_SIMPLE) < 0)
        return NULL;
    PyObject *result = NULL, *table = NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Newmm m = {0};
    m.length = n;
    Py_ssize_t *cuts = PyMem_New(Py_ssize_t, n + 2);
    m.queue = PyMem_New(Py_ssize_t, n + 2);
    m.first_edge = PyMem_New(Py_ssize_t, n + 1);
    m.edge_count = PyMem_New(Py_ssize_t, n + 1);
    m.seen = PyMem_New(Py_ssize_t, n + 1);
    m.parent = PyMem_New(Py_ssize_t, 2 * (n + 1));
    m.bfs = PyMem_New(Py_ssize_t, n + 1);
    if (!cuts || !m.queue || !m.first_edge || !m.edge_count || !m.seen || !m.parent || !m.bfs) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i <= n; i++)
        m.seen[i] = m.parent[n + 1 + i] = 0;
    table = ends_table((WordList *)words, (WordList *)added, text, &valid);
    if (table == NULL)
        goto done;
    Py_ssize_t ncuts = newmm(&m, text, valid_object, table, skip_end, cuts);
    if (ncuts < 0)
        goto done;
    if (ncuts < 2) {
        result = Py_BuildValue("(()())");
        goto done;
    }
    result = fewest_words(n, valid.buf, valid.len, table, cuts, ncuts);
done:
    Py_XDECREF(table);
    PyBuffer_Release(&valid);
    PyMem_Free(cuts);
    PyMem_Free(m.queue);
    PyMem_Free(m.first_edge);
    PyMem_Free(m.edge_count);
    PyMem_Free(m.seen);
    PyMem_Free(m.parent);
    PyMem_Free(m.bfs);
    PyMem_Free(m.edge_from);
    PyMem_Free(m.edge_to);
    return result;
}

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

/* The pattern last read, and its atoms: each alternative atoms[starts[a]:starts[a + 1]]. */
static PyObject *pattern_owner;
static Atom *atoms;
static Py_ssize_t *starts, alternatives;

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
    PyMem_Free(atoms);
    PyMem_Free(starts);
    atoms = read;
    starts = read_starts;
    alternatives = count;
    Py_XSETREF(pattern_owner, Py_NewRef(pattern));
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
    char *boundaries = PyByteArray_AS_STRING(result);
    memset(boundaries, 0, (size_t)t.length + 1);
    Py_ssize_t at = 0;
    while (at < t.length) {
        Py_ssize_t end = -1;
        Py_UCS4 c = PyUnicode_READ(t.kind, t.data, at);
        unsigned int bit = c - THAI_BLOCK; /* outside the block: no alternative starts here */
        for (Py_ssize_t a = 0; a < alternatives && end < 0 && bit < 128; a++) {
            const Atom *first = atoms + starts[a]; /* the first atom is a character: test it here */
            if (bit < 64 ? (first->low >> bit) & 1 : (first->high >> (bit - 64)) & 1)
                end = match_atoms(first, starts[a + 1] - starts[a], 1, &t, at + 1);
        }
        if (end <= at) /* no cluster here: the character alone */
            end = at + 1;
        boundaries[end] = 1;
        at = end;
    }
    return result;
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
    if (PyType_Ready(&WordListType) < 0)
        return NULL;
    PyObject *result = PyModule_Create(&module);
    if (result == NULL)
        return NULL;
    if (PyModule_AddObjectRef(result, "WordList", (PyObject *)&WordListType) < 0) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
}
