/* Line breaking, TJ templates, run content and shaped glyphs in C: the same lines as
 * breaking._total_fit, the same content as drawing._template and drawing.run_parts and the same
 * fields as shaping.shaped_parts, whose Python is the specification and the fallback where this
 * module is not built. Every number is worked out in the same order with the same operations
 * (pow for Python's **, Python's own float formatting), so the results are the same to the
 * last bit.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

enum { BOX = 0, GLUE = 1, TAB = 2 };
enum { FREE = 1, LEVELS = 6 };

/* What is made here holding only numbers and strings (arrays, tuples of pieces and of pairs,
 * sets of glyphs) is kept out of the cycle collector's reach: no cycle can run through it, and
 * a document of new text leaves thousands of them in the caches, which the collector would
 * walk once more when the writer is done to find nothing. A tuple is untracked by the
 * collector's own rule, when none of its items is tracked (the collector applies it only
 * after that walk). */
static PyObject *untracked(PyObject *object)
{
    if (object == NULL || !PyObject_GC_IsTracked(object))
        return object;
    if (PyTuple_Check(object))
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(object); i++)
            if (PyObject_GC_IsTracked(PyTuple_GET_ITEM(object, i)))
                return object;
    PyObject_GC_UnTrack(object);
    return object;
}

/* breaking's constants, in the order of breaking._CONSTANTS */
typedef struct {
    double space_stretch, tolerance, line, ragged, ragged_slope, ragged_cap, overfull, dear;
    double space_penalty, penalty[LEVELS]; /* penalty[level], level 1 to 5 */
    int has_penalty[LEVELS];
} Constants;

typedef struct {
    PyObject *items, *available, *tab_width;
    Py_ssize_t start, stop, n;
    long *kinds, *befores;
    double *widths, *stretches;
    /* running sums before each item of the piece, and where a line broken there ends */
    double *width, *spaces, *clusters;
    Py_ssize_t *tabs, *content, *last_tab;
    /* the rooms of lines first_line, first_line + 1, ... as available() gives them */
    double *rooms;
    unsigned char *has_room;
    Py_ssize_t first_line, room_count;
    /* walked lines with a tab: (start, after the tab, line) -> width */
    Py_ssize_t *walked_key, walked, walked_room;
    double *walked_x;
} Fit;

static PyObject *name_kind, *name_width, *name_stretch, *name_before;

static int read_long(PyObject *item, PyObject *name, long *out)
{
    PyObject *value = PyObject_GetAttr(item, name);
    if (value == NULL)
        return -1;
    *out = PyLong_AsLong(value);
    Py_DECREF(value);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

static int read_double(PyObject *item, PyObject *name, double *out)
{
    PyObject *value = PyObject_GetAttr(item, name);
    if (value == NULL)
        return -1;
    *out = PyFloat_AsDouble(value);
    Py_DECREF(value);
    return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
}

static int room_of(Fit *fit, Py_ssize_t line, double *room)
{
    Py_ssize_t i = line - fit->first_line;
    if (i < 0) {
        PyErr_SetString(PyExc_ValueError, "a line before the first");
        return -1;
    }
    if (i >= fit->room_count) {
        Py_ssize_t count = i * 2 + 8;
        if (!PyMem_Resize(fit->rooms, double, count) ||
            !PyMem_Resize(fit->has_room, unsigned char, count)) {
            PyErr_NoMemory();
            return -1;
        }
        memset(fit->has_room + fit->room_count, 0, (size_t)(count - fit->room_count));
        fit->room_count = count;
    }
    if (!fit->has_room[i]) {
        PyObject *value = PyObject_CallFunction(fit->available, "n", line);
        if (value == NULL)
            return -1;
        double number = PyFloat_AsDouble(value);
        Py_DECREF(value);
        if (number == -1.0 && PyErr_Occurred())
            return -1;
        fit->rooms[i] = number;
        fit->has_room[i] = 1;
    }
    *room = fit->rooms[i];
    return 0;
}

/* Natural width, space and cluster stretch of the line items[a:end] (see measure in
 * breaking._total_fit): a tab's width follows from where it falls. */
static int measure(Fit *fit, Py_ssize_t a, Py_ssize_t end, Py_ssize_t line, double *natural,
                   double *space, double *cluster)
{
    Py_ssize_t i = a - fit->start, j = end - fit->start;
    if (fit->tabs[j] == fit->tabs[i]) {
        *natural = fit->width[j] - fit->width[i];
        *space = fit->spaces[j] - fit->spaces[i];
        *cluster = fit->clusters[j] - fit->clusters[i];
        return 0;
    }
    Py_ssize_t after = fit->last_tab[j] + 1;
    Py_ssize_t w = 0;
    while (w < fit->walked && !(fit->walked_key[3 * w] == a &&
                                fit->walked_key[3 * w + 1] == after &&
                                fit->walked_key[3 * w + 2] == line))
        w++;
    double x;
    if (w < fit->walked) {
        x = fit->walked_x[w];
    }
    else {
        x = 0.0;
        for (Py_ssize_t k = a; k < after; k++) {
            if (fit->kinds[k - fit->start] == TAB) {
                PyObject *value = PyObject_CallFunction(fit->tab_width, "ndOn", line, x,
                                                        fit->items, k);
                if (value == NULL)
                    return -1;
                if (PyList_GET_SIZE(fit->items) < fit->stop) { /* the callback took items */
                    Py_DECREF(value);
                    PyErr_SetString(PyExc_RuntimeError, "the items changed while breaking");
                    return -1;
                }
                double width = PyFloat_AsDouble(value);
                int failed = (width == -1.0 && PyErr_Occurred()) ||
                             PyObject_SetAttr(PyList_GET_ITEM(fit->items, k), name_width,
                                              value) < 0;
                Py_DECREF(value);
                if (failed)
                    return -1;
                x += width;
            }
            else {
                x += fit->widths[k - fit->start];
            }
        }
        if (fit->walked == fit->walked_room) {
            Py_ssize_t room = fit->walked_room * 2 + 8;
            if (!PyMem_Resize(fit->walked_key, Py_ssize_t, 3 * room) ||
                !PyMem_Resize(fit->walked_x, double, room)) {
                PyErr_NoMemory();
                return -1;
            }
            fit->walked_room = room;
        }
        fit->walked_key[3 * fit->walked] = a;
        fit->walked_key[3 * fit->walked + 1] = after;
        fit->walked_key[3 * fit->walked + 2] = line;
        fit->walked_x[fit->walked++] = x;
    }
    Py_ssize_t t = after - fit->start;
    *natural = x + fit->width[j] - fit->width[t];
    *space = fit->spaces[j] - fit->spaces[t];
    *cluster = fit->clusters[j] - fit->clusters[t];
    return 0;
}

static int read_constants(PyObject *tuple, Constants *c)
{
    double values[9 + LEVELS - 1];
    if (!PyTuple_Check(tuple) || PyTuple_GET_SIZE(tuple) != 9 + LEVELS - 1) {
        PyErr_SetString(PyExc_TypeError, "constants: a tuple of breaking._CONSTANTS");
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(tuple); i++) {
        values[i] = PyFloat_AsDouble(PyTuple_GET_ITEM(tuple, i));
        if (values[i] == -1.0 && PyErr_Occurred())
            return -1;
    }
    c->space_stretch = values[0];
    c->tolerance = values[1];
    c->line = values[2];
    c->ragged = values[3];
    c->ragged_slope = values[4];
    c->ragged_cap = values[5];
    c->overfull = values[6];
    c->dear = values[7];
    c->space_penalty = values[8];
    c->has_penalty[0] = 0;
    for (int level = 1; level < LEVELS; level++) {
        c->penalty[level] = values[8 + level];
        c->has_penalty[level] = 1;
    }
    return 0;
}

/* The best way found to break the piece before an item: breaking._Node. */
typedef struct {
    double demerits, room;
    Py_ssize_t previous, line;
    int dear, present;
} Node;

static PyObject *fit_lines(Fit *fit, const Constants *c, int justified)
{
    Py_ssize_t start = fit->start, stop = fit->stop, n = fit->n;
    PyObject *result = NULL;
    Py_ssize_t *breaks = PyMem_New(Py_ssize_t, n + 1);
    double *penalties = PyMem_New(double, n + 1), *reach = PyMem_New(double, n + 1);
    Node *nodes = PyMem_New(Node, n + 1);
    Py_ssize_t *active = PyMem_New(Py_ssize_t, n + 1), *kept = PyMem_New(Py_ssize_t, n + 1);
    Py_ssize_t *overfull = PyMem_New(Py_ssize_t, n + 1), *dropped = PyMem_New(Py_ssize_t, n + 1);
    if (!breaks || !penalties || !reach || !nodes || !active || !kept || !overfull || !dropped) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t count = 0;
    for (Py_ssize_t k = start + 1; k < stop; k++) {
        long before = fit->befores[k - start];
        if (!before)
            continue;
        if (before < 0 || before >= LEVELS || !c->has_penalty[before]) {
            PyErr_Format(PyExc_KeyError, "no penalty for a break of level %ld", before);
            goto done;
        }
        breaks[count] = k;
        penalties[count++] = before == FREE && fit->kinds[k - 1 - start] == GLUE
                                 ? c->space_penalty
                                 : c->penalty[before];
    }
    breaks[count] = stop;
    penalties[count++] = 0.0;
    for (Py_ssize_t q = 0; q < count; q++)
        reach[q] = fit->width[fit->content[breaks[q] - start] - start];

    Py_ssize_t passes = justified ? 2 : 1;
    for (Py_ssize_t pass = 0; pass < passes; pass++) {
        int tolerant = justified && pass == 0;
        for (Py_ssize_t i = 0; i <= n; i++)
            nodes[i].present = 0;
        double room;
        if (room_of(fit, fit->first_line, &room) < 0)
            goto done;
        nodes[0] = (Node){0.0, room, -1, fit->first_line, 0, 1};
        Py_ssize_t nactive = 1, ndropped = 0;
        active[0] = start;
        double shortest = tolerant ? 1 - c->tolerance : 0.0;
        double loosest = tolerant ? c->tolerance : Py_HUGE_VAL;
        Py_ssize_t q = -1;
        while (q < count - 1) {
            q++;
            Py_ssize_t b = breaks[q];
            Py_ssize_t j = fit->content[b - start] - start;
            int last = b == stop;
            if (!last) {
                /* the longest line to here is too short: so is every other */
                Py_ssize_t a = active[0];
                const Node *node = &nodes[a - start];
                Py_ssize_t i = a - start;
                double natural, space, cluster;
                if (fit->tabs[j] == fit->tabs[i])
                    natural = fit->width[j] - fit->width[i];
                else if (measure(fit, a, j + start, node->line, &natural, &space, &cluster) < 0)
                    goto done;
                if (natural < shortest * node->room) {
                    if (fit->tabs[n] == fit->tabs[i]) {
                        double target = fit->width[i] + shortest * node->room;
                        Py_ssize_t lo = q + 1, hi = count - 1;
                        while (lo < hi) {
                            Py_ssize_t mid = lo + (hi - lo) / 2;
                            if (reach[mid] < target)
                                lo = mid + 1;
                            else
                                hi = mid;
                        }
                        q = lo - 1;
                    }
                    continue;
                }
            }
            double penalty = penalties[q];
            double cost = pow(penalty, 2.0);
            int dear_break = penalty >= c->dear;
            Py_ssize_t tabs_j = fit->tabs[j];
            double width_j = fit->width[j], spaces_j = fit->spaces[j];
            double clusters_j = fit->clusters[j];
            int has_best = 0, best_dear = 0;
            double best_demerits = 0.0;
            Py_ssize_t best_a = 0, best_line = 0, noverfull = 0;
            for (Py_ssize_t s = 0; s < nactive; s++) {
                Py_ssize_t a = active[s];
                const Node *node = &nodes[a - start];
                double room = node->room, natural, stretch, badness;
                Py_ssize_t i = a - start;
                if (tabs_j == fit->tabs[i]) {
                    natural = width_j - fit->width[i];
                    stretch = (spaces_j - fit->spaces[i]) * c->space_stretch + clusters_j -
                              fit->clusters[i];
                }
                else {
                    double space, cluster;
                    if (measure(fit, a, j + start, node->line, &natural, &space, &cluster) < 0)
                        goto done;
                    stretch = space * c->space_stretch + cluster;
                }
                double slack = room - natural;
                if (slack < -0.01) {
                    overfull[noverfull++] = a;
                    continue;
                }
                if (last || slack <= 0.01)
                    badness = 0.0;
                else if (slack > loosest * room)
                    break; /* later starts make shorter lines still */
                else if (!justified)
                    badness = c->ragged * pow(slack / room, 2.0);
                else if (slack <= stretch)
                    badness = 100 * pow(slack / stretch, 3.0);
                else if (stretch > 0) {
                    double ragged = 100 + c->ragged_slope * (slack / stretch - 1);
                    badness = c->ragged_cap < ragged ? c->ragged_cap : ragged;
                }
                else
                    badness = c->ragged_cap;
                double demerits = node->demerits + pow(c->line + badness, 2.0) + cost;
                if (!has_best || demerits < best_demerits) {
                    has_best = 1;
                    best_demerits = demerits;
                    best_a = a;
                    best_line = node->line + 1;
                    best_dear = node->dear || dear_break;
                }
            }
            if (noverfull) {
                memcpy(dropped, overfull, (size_t)noverfull * sizeof(Py_ssize_t));
                ndropped = noverfull;
                Py_ssize_t nkept = 0;
                for (Py_ssize_t s = 0; s < nactive; s++) {
                    int over = 0;
                    for (Py_ssize_t o = 0; o < noverfull && !over; o++)
                        over = active[s] == overfull[o];
                    if (!over)
                        kept[nkept++] = active[s];
                }
                memcpy(active, kept, (size_t)nkept * sizeof(Py_ssize_t));
                nactive = nkept;
            }
            if (!has_best && !nactive && ndropped) {
                if (tolerant)
                    break; /* try again, taking lines of any fill */
                Py_ssize_t a = dropped[ndropped - 1];
                const Node *node = &nodes[a - start];
                has_best = 1;
                best_demerits = node->demerits + c->overfull;
                best_a = a;
                best_line = node->line + 1;
                best_dear = 1;
            }
            if (has_best) {
                if (room_of(fit, best_line, &room) < 0)
                    goto done;
                nodes[b - start] =
                    (Node){best_demerits, room, best_a, best_line, best_dear, 1};
                active[nactive++] = b;
            }
        }
        if (nodes[n].present && !(tolerant && nodes[n].dear))
            break;
    }
    /* the lines, from the last back */
    Py_ssize_t lines = 0;
    for (Py_ssize_t b = stop; b != start; b = nodes[b - start].previous) {
        if (!nodes[b - start].present) {
            PyErr_Format(PyExc_KeyError, "%zd", b);
            goto done;
        }
        lines++;
    }
    result = PyList_New(lines);
    if (result == NULL)
        goto done;
    Py_ssize_t at = lines;
    for (Py_ssize_t b = stop; b != start; b = nodes[b - start].previous) {
        PyObject *pair = Py_BuildValue("(nn)", nodes[b - start].previous,
                                       fit->content[b - start]);
        if (pair == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, --at, pair);
    }
    fit->walked = 0;
    for (Py_ssize_t k = 0; k < lines; k++) {
        Py_ssize_t a = PyLong_AsSsize_t(PyTuple_GET_ITEM(PyList_GET_ITEM(result, k), 0));
        Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(PyList_GET_ITEM(result, k), 1));
        if (fit->tabs[end - start] != fit->tabs[a - start]) {
            double natural, space, cluster; /* the tabs' widths where they finally fall */
            if (measure(fit, a, end, fit->first_line + k, &natural, &space, &cluster) < 0) {
                Py_CLEAR(result);
                goto done;
            }
        }
    }
done:
    PyMem_Free(breaks);
    PyMem_Free(penalties);
    PyMem_Free(reach);
    PyMem_Free(nodes);
    PyMem_Free(active);
    PyMem_Free(kept);
    PyMem_Free(overfull);
    PyMem_Free(dropped);
    return result;
}

static PyObject *total_fit(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *items, *available, *tab_width, *constants;
    Py_ssize_t start, stop, first_line;
    int justified;
    if (!PyArg_ParseTuple(args, "O!nnnOOpO:total_fit", &PyList_Type, &items, &start, &stop,
                          &first_line, &available, &tab_width, &justified, &constants))
        return NULL;
    Constants c;
    if (read_constants(constants, &c) < 0)
        return NULL;
    if (start < 0 || stop < start || stop > PyList_GET_SIZE(items)) {
        PyErr_SetString(PyExc_IndexError, "the piece lies outside the items");
        return NULL;
    }
    Py_ssize_t n = stop - start;
    PyObject *result = NULL;
    Fit fit = {.items = items, .available = available, .tab_width = tab_width, .start = start,
               .stop = stop, .n = n, .first_line = first_line};
    fit.kinds = PyMem_New(long, n + 1);
    fit.befores = PyMem_New(long, n + 1);
    fit.widths = PyMem_New(double, n + 1);
    fit.stretches = PyMem_New(double, n + 1);
    fit.width = PyMem_New(double, n + 1);
    fit.spaces = PyMem_New(double, n + 1);
    fit.clusters = PyMem_New(double, n + 1);
    fit.tabs = PyMem_New(Py_ssize_t, n + 1);
    fit.content = PyMem_New(Py_ssize_t, n + 1);
    fit.last_tab = PyMem_New(Py_ssize_t, n + 1);
    if (!fit.kinds || !fit.befores || !fit.widths || !fit.stretches || !fit.width ||
        !fit.spaces || !fit.clusters || !fit.tabs || !fit.content || !fit.last_tab) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        if (PyList_GET_SIZE(items) < stop) { /* an item's attribute took items away */
            PyErr_SetString(PyExc_RuntimeError, "the items changed while breaking");
            goto done;
        }
        PyObject *item = PyList_GET_ITEM(items, start + k);
        if (read_long(item, name_kind, &fit.kinds[k]) < 0 ||
            read_long(item, name_before, &fit.befores[k]) < 0 ||
            read_double(item, name_width, &fit.widths[k]) < 0 ||
            read_double(item, name_stretch, &fit.stretches[k]) < 0)
            goto done;
    }
    /* one line without a tab, nothing to choose: the usual piece (a title, a short line) */
    double natural = 0.0;
    Py_ssize_t k = 0;
    while (k < n && fit.kinds[k] != TAB)
        natural += fit.widths[k++];
    if (k == n) {
        PyObject *value = PyObject_CallFunction(available, "n", first_line);
        if (value == NULL)
            goto done;
        double room = PyFloat_AsDouble(value);
        Py_DECREF(value);
        if (room == -1.0 && PyErr_Occurred())
            goto done;
        if (natural <= room + 0.01) {
            Py_ssize_t end = n;
            while (end > 0 && fit.kinds[end - 1] == GLUE)
                end--;
            result = Py_BuildValue("[(nn)]", start, start + end);
            goto done;
        }
    }
    double space = 0.0, cluster = 0.0;
    Py_ssize_t tab = 0, end = start, latest = -1;
    natural = 0.0;
    fit.width[0] = fit.spaces[0] = fit.clusters[0] = 0.0;
    fit.tabs[0] = 0;
    fit.content[0] = start;
    fit.last_tab[0] = -1;
    for (k = 0; k < n; k++) {
        long kind = fit.kinds[k];
        if (kind == TAB) {
            tab++;
            latest = start + k;
        }
        else
            natural += fit.widths[k];
        if (kind == GLUE)
            space += fit.widths[k];
        else
            end = start + k + 1;
        cluster += fit.stretches[k];
        fit.width[k + 1] = natural;
        fit.spaces[k + 1] = space;
        fit.clusters[k + 1] = cluster;
        fit.tabs[k + 1] = tab;
        fit.content[k + 1] = end;
        fit.last_tab[k + 1] = latest;
    }
    result = fit_lines(&fit, &c, justified);
done:
    PyMem_Free(fit.kinds);
    PyMem_Free(fit.befores);
    PyMem_Free(fit.widths);
    PyMem_Free(fit.stretches);
    PyMem_Free(fit.width);
    PyMem_Free(fit.spaces);
    PyMem_Free(fit.clusters);
    PyMem_Free(fit.tabs);
    PyMem_Free(fit.content);
    PyMem_Free(fit.last_tab);
    PyMem_Free(fit.rooms);
    PyMem_Free(fit.has_room);
    PyMem_Free(fit.walked_key);
    PyMem_Free(fit.walked_x);
    return result;
}

/* A growing ASCII buffer: a fragment of TJ content. */
typedef struct {
    char *text;
    Py_ssize_t length, room;
} Text;

static int put(Text *t, const char *s, Py_ssize_t length)
{
    if (t->length + length > t->room) {
        Py_ssize_t room = (t->length + length) * 2 + 64;
        if (!PyMem_Resize(t->text, char, room)) {
            PyErr_NoMemory();
            return -1;
        }
        t->room = room;
    }
    memcpy(t->text + t->length, s, (size_t)length);
    t->length += length;
    return 0;
}

static int put_str(Text *t, const char *s) { return put(t, s, (Py_ssize_t)strlen(s)); }

/* drawing._fmt: three decimals, trailing zeros and point dropped, "0" for zero */
static int put_number(Text *t, double value)
{
    char *text = PyOS_double_to_string(value, 'f', 3, 0, NULL);
    if (text == NULL)
        return -1;
    Py_ssize_t length = (Py_ssize_t)strlen(text);
    while (length && text[length - 1] == '0')
        length--;
    if (length && text[length - 1] == '.')
        length--;
    int status;
    if (length == 0 || (length == 2 && text[0] == '-' && text[1] == '0'))
        status = put(t, "0", 1);
    else
        status = put(t, text, length);
    PyMem_Free(text);
    return status;
}

/* The glyph codes waiting for a <...> string, each four hex digits or a slot "{}". */
static int flush(Text *t, Text *hexes)
{
    if (!hexes->length)
        return 0;
    if (put(t, "<", 1) < 0 || put(t, hexes->text, hexes->length) < 0 || put(t, ">", 1) < 0)
        return -1;
    hexes->length = 0;
    return 0;
}

/* drawing._number: a TJ adjustment moving the pen shift font units right */
static int put_shift(Text *t, Text *hexes, long long shift, double factor)
{
    if (!shift)
        return 0;
    if (flush(t, hexes) < 0)
        return -1;
    return put_number(t, (double)(-shift) * factor);
}

static int read_ints(PyObject *array, Py_buffer *view, const char *what)
{
    if (PyObject_GetBuffer(array, view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return -1;
    if (view->itemsize != sizeof(int) || view->format == NULL || strcmp(view->format, "i")) {
        PyErr_Format(PyExc_TypeError, "%s: an array of C ints (\"i\")", what);
        PyBuffer_Release(view);
        view->obj = NULL;
        return -1;
    }
    return 0;
}

/* drawing._template after shaping: (fragments, natural glyphs, other pairs) */
/* printf's "%04X", without printf: a glyph id in upper-case hex, four digits or more. */
static void hex_code(char *out, unsigned int value)
{
    char digits[sizeof value * 2];
    int n = 0;
    do {
        digits[n++] = "0123456789ABCDEF"[value & 0xF];
        value >>= 4;
    } while (value);
    int length = n < 4 ? 4 : n;
    for (int i = 0; i < length; i++)
        out[i] = i < length - n ? '0' : digits[length - 1 - i];
    out[length] = '\0';
}

static PyObject *template(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *glyph_array, *advance_array, *x_array, *y_array, *gap_array, *pieces, *own,
        *embedded;
    long units;
    if (!PyArg_ParseTuple(args, "OOOOOO!O!O!l:template", &glyph_array, &advance_array,
                          &x_array, &y_array, &gap_array, &PyTuple_Type, &pieces,
                          &PyDict_Type, &own, &PyTuple_Type, &embedded, &units))
        return NULL;
    if (units <= 0) {
        PyErr_SetString(PyExc_ValueError, "units per em must be positive");
        return NULL;
    }
    Py_buffer views[5] = {{0}};
    const char *names[5] = {"glyphs", "advances", "x_offsets", "y_offsets", "gaps"};
    PyObject *arrays[5] = {glyph_array, advance_array, x_array, y_array, gap_array};
    PyObject *result = NULL, *fragments = NULL, *natural = NULL, *others = NULL;
    Text t = {0}, hexes = {0};
    char *gap_at = NULL;
    for (int v = 0; v < 5; v++)
        if (read_ints(arrays[v], &views[v], names[v]) < 0)
            goto done;
    const int *glyphs = views[0].buf, *advances = views[1].buf, *xs = views[2].buf,
              *ys = views[3].buf, *gaps = views[4].buf;
    Py_ssize_t count = views[0].len / (Py_ssize_t)sizeof(int);
    Py_ssize_t ngaps = views[4].len / (Py_ssize_t)sizeof(int);
    for (int v = 1; v < 4; v++)
        if (views[v].len != views[0].len) {
            PyErr_SetString(PyExc_ValueError, "the glyph arrays differ in length");
            goto done;
        }
    if (PyTuple_GET_SIZE(pieces) != count) {
        PyErr_SetString(PyExc_ValueError, "a piece for each glyph");
        goto done;
    }
    double factor = 1000 / (double)units;
    gap_at = PyMem_Calloc((size_t)count + 1, 1); /* 1 where a justification gap comes before */
    if (gap_at == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t g = 0; g < ngaps; g++)
        if (gaps[g] >= 0 && gaps[g] < count)
            gap_at[gaps[g]] = 1;
    fragments = PyList_New(0);
    natural = PySet_New(NULL);
    others = PyList_New(0);
    if (!fragments || !natural || !others)
        goto done;
    long long carry = 0;
    char code[24];
    for (Py_ssize_t i = 0; i < count; i++) {
        if (gap_at[i]) { /* a justification gap ends a fragment */
            if (put_shift(&t, &hexes, carry, factor) < 0 || flush(&t, &hexes) < 0)
                goto done;
            carry = 0;
            PyObject *fragment = PyUnicode_FromStringAndSize(t.text ? t.text : "", t.length);
            if (fragment == NULL || PyList_Append(fragments, fragment) < 0) {
                Py_XDECREF(fragment);
                goto done;
            }
            Py_DECREF(fragment);
            t.length = 0;
        }
        long long dx = xs[i], dy = ys[i];
        if (put_shift(&t, &hexes, carry + dx, factor) < 0)
            goto done;
        int glyph = glyphs[i];
        PyObject *piece = PyTuple_GET_ITEM(pieces, i);
        PyObject *key = PyLong_FromLong(glyph);
        if (key == NULL)
            goto done;
        PyObject *drawn = PyDict_GetItemWithError(own, key); /* borrowed */
        int same = 0;
        if (drawn != NULL)
            same = PyObject_RichCompareBool(drawn, piece, Py_EQ);
        if (same < 0 || (drawn == NULL && PyErr_Occurred())) {
            Py_DECREF(key);
            goto done;
        }
        if (same) {
            int added = PySet_Add(natural, key);
            Py_DECREF(key);
            if (added < 0)
                goto done;
            hex_code(code, (unsigned int)glyph);
        }
        else {
            PyObject *pair = untracked(PyTuple_Pack(2, key, piece));
            Py_DECREF(key);
            if (pair == NULL || PyList_Append(others, pair) < 0) {
                Py_XDECREF(pair);
                goto done;
            }
            Py_DECREF(pair);
            strcpy(code, "{}");
        }
        if (dy) {
            if (flush(&t, &hexes) < 0 || put_str(&t, "]TJ ") < 0 ||
                put_number(&t, (double)dy / (double)units) < 0 || put_str(&t, " Ts[<") < 0 ||
                put_str(&t, code) < 0 || put_str(&t, ">]TJ 0 Ts[") < 0)
                goto done;
        }
        else if (put_str(&hexes, code) < 0)
            goto done;
        if (glyph < 0 || glyph >= PyTuple_GET_SIZE(embedded)) {
            PyErr_SetString(PyExc_IndexError, "a glyph past the font's advances");
            goto done;
        }
        long long own_advance = PyLong_AsLongLong(PyTuple_GET_ITEM(embedded, glyph));
        if (own_advance == -1 && PyErr_Occurred())
            goto done;
        carry = advances[i] - dx - own_advance;
    }
    if (put_shift(&t, &hexes, carry, factor) < 0 || flush(&t, &hexes) < 0)
        goto done;
    PyObject *fragment = PyUnicode_FromStringAndSize(t.text ? t.text : "", t.length);
    if (fragment == NULL || PyList_Append(fragments, fragment) < 0) {
        Py_XDECREF(fragment);
        goto done;
    }
    Py_DECREF(fragment);
    PyObject *fragment_tuple = untracked(PyList_AsTuple(fragments));
    PyObject *other_tuple = untracked(PyList_AsTuple(others));
    PyObject *natural_set = untracked(PyFrozenSet_New(natural));
    if (fragment_tuple && other_tuple && natural_set)
        result = PyTuple_Pack(3, fragment_tuple, natural_set, other_tuple);
    Py_XDECREF(fragment_tuple);
    Py_XDECREF(other_tuple);
    Py_XDECREF(natural_set);
done:
    for (int v = 0; v < 5; v++)
        if (views[v].obj)
            PyBuffer_Release(&views[v]);
    Py_XDECREF(fragments);
    Py_XDECREF(natural);
    Py_XDECREF(others);
    PyMem_Free(t.text);
    PyMem_Free(hexes.text);
    PyMem_Free(gap_at);
    return result;
}

/* ---- shaping: harfbuzz's glyphs as a Shaped's fields ---- */

static PyObject *name_codepoint, *name_cluster, *name_position, *name_copy, *name_frombytes,
    *no_ints;

/* A Python int as a C int, or OverflowError as array("i") raises it. */
static int to_int(PyObject *value, int *out)
{
    long wide = PyLong_AsLong(value);
    if (wide == -1 && PyErr_Occurred())
        return -1;
    if (wide < INT_MIN || wide > INT_MAX) {
        PyErr_SetString(PyExc_OverflowError, "a glyph's number does not fit a C int");
        return -1;
    }
    *out = (int)wide;
    return 0;
}

static int read_int(PyObject *object, PyObject *name, int *out)
{
    PyObject *value = PyObject_GetAttr(object, name);
    if (value == NULL)
        return -1;
    int status = to_int(value, out);
    Py_DECREF(value);
    return status;
}

/* array("i", values): a copy of an empty one, filled from the values where they lie (the
 * array type's constructor parses its arguments and wants the values as bytes first) */
static PyObject *int_array(const int *values, Py_ssize_t n)
{
    PyObject *array = PyObject_CallMethodNoArgs(no_ints, name_copy);
    if (array == NULL || n == 0)
        return untracked(array);
    PyObject *view = PyMemoryView_FromMemory((char *)values, n * (Py_ssize_t)sizeof(int),
                                             PyBUF_READ);
    PyObject *filled = view ? PyObject_CallMethodOneArg(array, name_frombytes, view) : NULL;
    Py_XDECREF(view);
    if (filled == NULL) {
        Py_DECREF(array);
        return NULL;
    }
    Py_DECREF(filled);
    return untracked(array);
}

/* The characters most text is made of, ASCII and the Thai block, each at a slot of these. */
#define COMMON_CHARS 256

static int common_slot(Py_UCS4 c)
{
    if (c < 0x80)
        return (int)c;
    if (c >= 0x0E00 && c < 0x0E80)
        return (int)(0x80 + c - 0x0E00);
    return -1;
}

/* Each common character as sys.intern gives it, once met. */
static PyObject *common_interned[COMMON_CHARS];

/* text[i], interned (a new reference). */
static PyObject *interned_char(PyObject *text, int kind, const void *data, Py_ssize_t i)
{
    int slot = common_slot(PyUnicode_READ(kind, data, i));
    if (slot >= 0 && common_interned[slot] != NULL)
        return Py_NewRef(common_interned[slot]);
    PyObject *piece = PyUnicode_Substring(text, i, i + 1);
    if (piece == NULL)
        return NULL;
    PyUnicode_InternInPlace(&piece);
    if (slot >= 0)
        common_interned[slot] = Py_NewRef(piece);
    return piece;
}

/* A yes-or-no question about a character (starts_cluster) answered once for each
 * common character, as the function last asked gave it (-1: not asked yet); another function
 * starts the table afresh. */
typedef struct {
    PyObject *owner;
    signed char answer[COMMON_CHARS];
} CharMemo;

static CharMemo starts_memo;

/* The question's answer for text[i]: 1, 0, or -1 after an error. */
static int ask(CharMemo *memo, PyObject *question, PyObject *text, Py_ssize_t i)
{
    if (question != memo->owner) {
        Py_XSETREF(memo->owner, Py_NewRef(question));
        memset(memo->answer, -1, sizeof memo->answer);
    }
    int slot = common_slot(PyUnicode_READ_CHAR(text, i));
    if (slot >= 0 && memo->answer[slot] >= 0)
        return memo->answer[slot];
    PyObject *character = PyUnicode_Substring(text, i, i + 1);
    PyObject *value = character ? PyObject_CallOneArg(question, character) : NULL;
    Py_XDECREF(character);
    int answer = value ? PyObject_IsTrue(value) : -1;
    Py_XDECREF(value);
    if (answer >= 0 && slot >= 0)
        memo->answer[slot] = (signed char)answer;
    return answer;
}

/* Each glyph's characters when each harfbuzz cluster is one character a glyph, as most are:
 * the text's characters, interned; NULL (no error) otherwise. */
static PyObject *one_char_pieces(PyObject *text, const int *clusters, const int *firsts,
                                 Py_ssize_t n, Py_ssize_t nfirsts)
{
    if (n != PyUnicode_GET_LENGTH(text) || clusters[0] != 0)
        return NULL;
    for (Py_ssize_t k = 0; k < nfirsts; k++)
        if (clusters[firsts[k]] != firsts[k])
            return NULL;
    PyObject *pieces = PyTuple_New(n);
    if (pieces == NULL)
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *piece = interned_char(text, kind, data, i);
        if (piece == NULL) {
            Py_DECREF(pieces);
            return NULL;
        }
        PyTuple_SET_ITEM(pieces, i, piece);
    }
    return untracked(pieces);
}

static PyObject *int_list(const int *values, Py_ssize_t n)
{
    PyObject *list = PyList_New(n);
    for (Py_ssize_t i = 0; list != NULL && i < n; i++) {
        PyObject *value = PyLong_FromLong(values[i]);
        if (value == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, value);
    }
    return list;
}

static PyObject *shaped_parts(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *text, *infos, *positions, *starts_cluster, *pieces_of;
    if (!PyArg_ParseTuple(args, "UO!O!OO:shaped_parts", &text, &PyList_Type, &infos,
                          &PyList_Type, &positions, &starts_cluster, &pieces_of))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(infos);
    if (n == 0 || PyList_GET_SIZE(positions) != n) {
        PyErr_SetString(PyExc_ValueError, "shaped_parts: as many glyph positions as glyphs, "
                                          "at least one");
        return NULL;
    }
    /* glyphs, advances, x and y offsets, clusters, cluster starts, gaps: n each */
    int *buffer = PyMem_New(int, 7 * n);
    if (buffer == NULL)
        return PyErr_NoMemory();
    int *glyphs = buffer, *advances = buffer + n, *xs = buffer + 2 * n, *ys = buffer + 3 * n,
        *clusters = buffer + 4 * n, *firsts = buffer + 5 * n, *gaps = buffer + 6 * n;
    PyObject *result = NULL, *pieces = NULL, *arrays[5] = {NULL};
    long long width = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *info = PyList_GET_ITEM(infos, i);
        if (read_int(info, name_codepoint, &glyphs[i]) < 0 ||
            read_int(info, name_cluster, &clusters[i]) < 0)
            goto done;
        PyObject *position = PyObject_GetAttr(PyList_GET_ITEM(positions, i), name_position);
        if (position == NULL)
            goto done;
        int ok = PyTuple_Check(position) && PyTuple_GET_SIZE(position) == 4;
        if (!ok)
            PyErr_SetString(PyExc_ValueError, "a glyph position is four numbers");
        ok = ok && to_int(PyTuple_GET_ITEM(position, 0), &xs[i]) == 0 &&
             to_int(PyTuple_GET_ITEM(position, 1), &ys[i]) == 0 &&
             to_int(PyTuple_GET_ITEM(position, 2), &advances[i]) == 0;
        Py_DECREF(position);
        if (!ok)
            goto done;
        width += advances[i];
    }
    /* where harfbuzz starts another cluster: a grapheme's start there is a justification gap */
    Py_ssize_t nfirsts = 0, ngaps = 0, length = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t i = 1; i < n; i++)
        if (clusters[i] != clusters[i - 1])
            firsts[nfirsts++] = (int)i;
    pieces = one_char_pieces(text, clusters, firsts, n, nfirsts);
    if (pieces == NULL) {
        if (PyErr_Occurred())
            goto done;
        PyObject *cluster_list = int_list(clusters, n), *first_list = int_list(firsts, nfirsts);
        if (cluster_list != NULL && first_list != NULL)
            pieces = PyObject_CallFunctionObjArgs(pieces_of, text, cluster_list, first_list, NULL);
        Py_XDECREF(cluster_list);
        Py_XDECREF(first_list);
        if (pieces == NULL)
            goto done;
        if (!PyTuple_Check(pieces)) {
            PyErr_SetString(PyExc_TypeError, "the pieces of a shaped text are a tuple");
            goto done;
        }
        untracked(pieces);
    }
    for (Py_ssize_t k = 0; k < nfirsts; k++) {
        int cluster = clusters[firsts[k]];
        int gap = cluster == 0;
        if (!gap) {
            if (cluster < 0 || cluster >= length) {
                PyErr_SetString(PyExc_IndexError, "a glyph's cluster is outside its text");
                goto done;
            }
            gap = ask(&starts_memo, starts_cluster, text, cluster);
            if (gap < 0)
                goto done;
        }
        if (gap)
            gaps[ngaps++] = firsts[k];
    }
    const int *fields[5] = {glyphs, advances, xs, ys, gaps};
    for (int f = 0; f < 5; f++)
        if ((arrays[f] = int_array(fields[f], f == 4 ? ngaps : n)) == NULL)
            goto done;
    result = Py_BuildValue("(OOOOOOL)", arrays[0], arrays[1], arrays[2], arrays[3], pieces,
                           arrays[4], width);
done:
    for (int f = 0; f < 5; f++)
        Py_XDECREF(arrays[f]);
    Py_XDECREF(pieces);
    PyMem_Free(buffer);
    return result;
}

/* ---- placing a broken line: justification.place ---- */

static PyObject *name_style, *name_start, *name_shaped, *name_glyphs, *name_gaps, *name_text,
    *name_official, *name_size, *name_units, *name_ascender, *name_descender, *name_face,
    *name_color, *builtin_sum;

/* An item that is drawn: a tab, or one with glyphs. */
typedef struct {
    PyObject *item, *shaped, *width; /* borrowed from the items' copy and the item */
    double w;
    long kind, style;
    Py_ssize_t gaps;
} Drawn;

static PyObject *style_attr(PyObject *styles, long index, PyObject *name)
{
    PyObject *style = PySequence_GetItem(styles, index);
    if (style == NULL)
        return NULL;
    PyObject *value = PyObject_GetAttr(style, name);
    Py_DECREF(style);
    return value;
}

static int style_double(PyObject *styles, long index, PyObject *name, double *out)
{
    PyObject *style = PySequence_GetItem(styles, index);
    if (style == NULL)
        return -1;
    int status = read_double(style, name, out);
    Py_DECREF(style);
    return status;
}

/* Python's sum() of the objects: the interpreter's own float summation. */
static PyObject *sum_of(PyObject *const *values, Py_ssize_t n)
{
    PyObject *list = PyList_New(n);
    if (list == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_INCREF(values[i]);
        PyList_SET_ITEM(list, i, values[i]);
    }
    PyObject *total = PyObject_CallOneArg(builtin_sum, list);
    Py_DECREF(list);
    return total;
}

/* A GlyphRun of its fields' values, in their order: set as its dataclass __init__ sets them
 * (object.__setattr__ on each slot), without running it. */
#define RUN_FIELDS 9
static const char *run_field_names[RUN_FIELDS] = {"face", "size",   "color",   "x",      "text",
                                                   "pieces", "gap", "advance", "content"};
static PyObject *run_fields; /* the names as a tuple, to check the class against */

static PyObject *new_run(PyObject *run_class, PyObject *const *values)
{
    PyTypeObject *type = (PyTypeObject *)run_class;
    PyObject *run = type->tp_alloc(type, 0);
    if (run == NULL)
        return NULL;
    for (int f = 0; f < RUN_FIELDS; f++)
        if (PyObject_GenericSetAttr(run, PyTuple_GET_ITEM(run_fields, f), values[f]) < 0) {
            Py_DECREF(run);
            return NULL;
        }
    return run;
}

/* justification._run: the run of drawn[first:end] at x with its clusters gap apart. */
static PyObject *glyph_run(PyObject *run_class, PyObject *styles, const Drawn *drawn,
                           Py_ssize_t first, Py_ssize_t end, double x, double gap)
{
    PyObject *style = PySequence_GetItem(styles, drawn[first].style);
    if (style == NULL)
        return NULL;
    Py_ssize_t n = end - first;
    PyObject *result = NULL, *face = NULL, *size = NULL, *color = NULL, *units = NULL,
             *texts = NULL, *widths = NULL, *text = NULL, *advance = NULL, *scaled = NULL,
             *pieces = PyTuple_New(n);
    texts = PyList_New(n);
    widths = PyList_New(n);
    if (pieces == NULL || texts == NULL || widths == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *shaped = drawn[first + i].shaped;
        Py_INCREF(shaped);
        PyTuple_SET_ITEM(pieces, i, shaped);
        PyObject *piece_text = PyObject_GetAttr(shaped, name_text);
        if (piece_text == NULL)
            goto done;
        PyList_SET_ITEM(texts, i, piece_text);
        PyObject *piece_width = PyObject_GetAttr(shaped, name_width);
        if (piece_width == NULL)
            goto done;
        PyList_SET_ITEM(widths, i, piece_width);
    }
    face = PyObject_GetAttr(style, name_face);
    size = PyObject_GetAttr(style, name_size);
    color = PyObject_GetAttr(style, name_color);
    units = PyObject_GetAttr(style, name_units);
    if (!face || !size || !color || !units)
        goto done;
    PyObject *empty = PyUnicode_FromStringAndSize(NULL, 0);
    if (empty == NULL)
        goto done;
    text = PyUnicode_Join(empty, texts);
    Py_DECREF(empty);
    PyObject *total = text ? PyObject_CallOneArg(builtin_sum, widths) : NULL;
    scaled = total ? PyNumber_Multiply(total, size) : NULL;
    Py_XDECREF(total);
    advance = scaled ? PyNumber_TrueDivide(scaled, units) : NULL;
    if (advance == NULL)
        goto done;
    PyObject *x_value = PyFloat_FromDouble(x), *gap_value = PyFloat_FromDouble(gap);
    PyObject *values[RUN_FIELDS] = {face, size, color, x_value, text, pieces, gap_value, advance,
                                    Py_None};
    if (x_value && gap_value)
        result = new_run(run_class, values);
    Py_XDECREF(x_value);
    Py_XDECREF(gap_value);
done:
    Py_DECREF(style);
    Py_XDECREF(pieces);
    Py_XDECREF(texts);
    Py_XDECREF(widths);
    Py_XDECREF(face);
    Py_XDECREF(size);
    Py_XDECREF(color);
    Py_XDECREF(units);
    Py_XDECREF(text);
    Py_XDECREF(scaled);
    Py_XDECREF(advance);
    return result;
}

static int add_run(PyObject *runs, PyObject *run_class, PyObject *styles, const Drawn *drawn,
                   Py_ssize_t first, Py_ssize_t end, double x, double gap)
{
    PyObject *run = glyph_run(run_class, styles, drawn, first, end, x, gap);
    if (run == NULL)
        return -1;
    int status = PyList_Append(runs, run);
    Py_DECREF(run);
    return status;
}

enum { ALIGNED = 0, DISTRIBUTED = 1, CENTERED = 2, RIGHTED = 3 };

static PyObject *place(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *items_object, *styles, *tab_leaders, *default_style, *line_text, *classes;
    double start, room, line_spacing;
    int mode;
    if (!PyArg_ParseTuple(args, "OOddiO!dOUO!:place", &items_object, &styles, &start, &room,
                          &mode, &PyDict_Type, &tab_leaders, &line_spacing, &default_style,
                          &line_text, &PyTuple_Type, &classes))
        return NULL;
    PyObject *line_class, *run_class, *leader_class, *dot, *fields;
    double space_stretch, cluster_stretch;
    if (!PyArg_ParseTuple(classes, "OO!OOddO:place", &line_class, &PyType_Type, &run_class,
                          &leader_class, &dot, &space_stretch, &cluster_stretch, &fields))
        return NULL;
    int same_fields = PyObject_RichCompareBool(fields, run_fields, Py_EQ);
    if (same_fields <= 0) {
        if (same_fields == 0)
            PyErr_SetString(PyExc_TypeError, "place: the glyph run's fields are not the ones "
                                             "this module fills");
        return NULL;
    }
    PyObject *items = PySequence_List(items_object); /* a copy: attributes cannot change it */
    if (items == NULL)
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(items), n = 0;
    Drawn *drawn = PyMem_New(Drawn, count + 1);
    long *used = PyMem_New(long, count + 1);
    PyObject **values = PyMem_New(PyObject *, count + 1);
    PyObject *result = NULL, *natural = NULL, *runs = NULL, *leaders = NULL, *big = NULL,
             *held = PyList_New(0);
    if (!drawn || !used || !values || !held) {
        if (held)
            PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *item = PyList_GET_ITEM(items, i);
        Drawn d = {.item = item};
        if (read_long(item, name_kind, &d.kind) < 0)
            goto done;
        PyObject *shaped = PyObject_GetAttr(item, name_shaped);
        if (shaped == NULL)
            goto done;
        int keep = d.kind == TAB;
        if (!keep && shaped != Py_None) {
            PyObject *glyphs = PyObject_GetAttr(shaped, name_glyphs);
            keep = glyphs ? PyObject_IsTrue(glyphs) : -1;
            Py_XDECREF(glyphs);
        }
        /* the item holds what it gave: kept alive by the list of what was read */
        if (keep < 0 || PyList_Append(held, shaped) < 0) {
            Py_DECREF(shaped);
            goto done;
        }
        Py_DECREF(shaped);
        if (!keep)
            continue;
        d.shaped = shaped;
        if (read_long(item, name_style, &d.style) < 0)
            goto done;
        d.width = PyObject_GetAttr(item, name_width);
        if (d.width == NULL)
            goto done;
        int status = PyList_Append(held, d.width);
        Py_DECREF(d.width);
        if (status < 0)
            goto done;
        d.w = PyFloat_AsDouble(d.width); /* an int too, rounded as Python's arithmetic does */
        if (d.w == -1.0 && PyErr_Occurred())
            goto done;
        if (d.kind != TAB) {
            PyObject *gaps = PyObject_GetAttr(shaped, name_gaps);
            d.gaps = gaps ? PyObject_Length(gaps) : -1;
            Py_XDECREF(gaps);
            if (d.gaps < 0)
                goto done;
        }
        drawn[n++] = d;
    }
    /* the styles in order of first use: the first of the largest sets the baseline */
    Py_ssize_t nused = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t u = 0;
        while (u < nused && used[u] != drawn[k].style)
            u++;
        if (u == nused)
            used[nused++] = drawn[k].style;
    }
    double height = 0.0, big_size = 0.0;
    for (Py_ssize_t u = 0; u < (nused ? nused : 1); u++) {
        PyObject *style = nused ? PySequence_GetItem(styles, used[u]) : Py_NewRef(default_style);
        if (style == NULL)
            goto done;
        double official, size;
        if (read_double(style, name_official, &official) < 0 ||
            read_double(style, name_size, &size) < 0) {
            Py_DECREF(style);
            goto done;
        }
        if (u == 0 || official > height)
            height = official;
        if (u == 0 || size > big_size) {
            big_size = size;
            Py_XSETREF(big, Py_NewRef(style));
        }
        Py_DECREF(style);
    }
    height *= line_spacing;
    {
        long units, ascender, descender;
        if (read_long(big, name_units, &units) < 0 || read_long(big, name_ascender, &ascender) < 0 ||
            read_long(big, name_descender, &descender) < 0)
            goto done;
        double scale = big_size / (double)units;
        double baseline =
            (height - (double)(ascender - descender) * scale) / 2 + (double)ascender * scale;
        if (n == 0) {
            result = PyObject_CallFunction(line_class, "ddOd", height, 0.0, line_text, baseline);
            goto done;
        }
        for (Py_ssize_t k = 0; k < n; k++)
            values[k] = drawn[k].width;
        natural = sum_of(values, n);
        if (natural == NULL)
            goto done;
        double natural_width = PyFloat_AsDouble(natural);
        if (natural_width == -1.0 && PyErr_Occurred())
            goto done;

        double slack = room - natural_width, x = start, gap = 0.0, grow = 0.0;
        Py_ssize_t last_tab = -1;
        for (Py_ssize_t k = 0; k < n; k++)
            if (drawn[k].kind == TAB)
                last_tab = k;
        Py_ssize_t first = last_tab + 1; /* the region justified */
        if (mode == DISTRIBUTED && slack > 0) {
            Py_ssize_t nspaces = 0;
            for (Py_ssize_t k = first; k < n; k++)
                if (drawn[k].kind == GLUE)
                    values[nspaces++] = drawn[k].width;
            PyObject *spaces = sum_of(values, nspaces);
            if (spaces == NULL)
                goto done;
            int any = PyObject_IsTrue(spaces);
            double space_width = PyFloat_AsDouble(spaces);
            Py_DECREF(spaces);
            if (any < 0 || (space_width == -1.0 && PyErr_Occurred()))
                goto done;
            if (any) {
                double share = slack / space_width;
                grow = space_stretch < share ? space_stretch : share;
                slack -= grow * space_width;
            }
            /* _cluster_joints: every cluster start but the first, except right after a space */
            Py_ssize_t joints = 0;
            for (Py_ssize_t k = first; k < n; k++) {
                joints += drawn[k].gaps;
                if (k > first && drawn[k - 1].kind != GLUE)
                    joints++;
            }
            if (joints && slack > 0.01) {
                double smallest = 0.0;
                for (Py_ssize_t k = first; k < n; k++) {
                    double size;
                    if (style_double(styles, drawn[k].style, name_size, &size) < 0)
                        goto done;
                    if (k == first || size < smallest)
                        smallest = size;
                }
                double limit = cluster_stretch * smallest, share = slack / (double)joints;
                gap = limit < share ? limit : share;
            }
        }
        else if (mode == CENTERED && slack > 0)
            x += slack / 2;
        else if (mode == RIGHTED && slack > 0)
            x += slack;

        runs = PyList_New(0);
        leaders = PyList_New(0);
        if (runs == NULL || leaders == NULL)
            goto done;
        Py_ssize_t current = -1; /* the first item of the run being gathered, or none */
        double run_x = x, run_gap = 0.0;
        for (Py_ssize_t k = 0; k < n; k++) {
            int justified = k > last_tab;
            double spread = justified ? gap : 0.0;
            if (drawn[k].kind == TAB) {
                if (current >= 0 && add_run(runs, run_class, styles, drawn, current, k, run_x,
                                            run_gap) < 0)
                    goto done;
                current = -1;
                PyObject *start_value = PyObject_GetAttr(drawn[k].item, name_start);
                if (start_value == NULL)
                    goto done;
                PyObject *leader = PyDict_GetItemWithError(tab_leaders, start_value);
                Py_DECREF(start_value);
                int dotted = leader ? PyObject_RichCompareBool(leader, dot, Py_EQ) : 0;
                if (dotted < 0 || (leader == NULL && PyErr_Occurred()))
                    goto done;
                if (dotted) {
                    PyObject *size = style_attr(styles, drawn[k].style, name_size);
                    PyObject *color = size ? style_attr(styles, drawn[k].style, name_color) : NULL;
                    PyObject *dots =
                        color ? PyObject_CallFunction(leader_class, "ddOO", x, x + drawn[k].w,
                                                      size, color)
                              : NULL;
                    Py_XDECREF(size);
                    Py_XDECREF(color);
                    int status = dots ? PyList_Append(leaders, dots) : -1;
                    Py_XDECREF(dots);
                    if (status < 0)
                        goto done;
                }
                x += drawn[k].w;
                continue;
            }
            int after_space = k > 0 && drawn[k - 1].kind == GLUE;
            if (current >= 0 &&
                (drawn[k - 1].style != drawn[k].style || (after_space && grow != 0.0))) {
                if (add_run(runs, run_class, styles, drawn, current, k, run_x, run_gap) < 0)
                    goto done;
                current = -1;
            }
            if (k > last_tab + 1 && !(after_space && grow != 0.0))
                x += spread; /* the gap before this item's first cluster */
            if (current < 0) {
                current = k;
                run_x = x;
                run_gap = spread;
            }
            x += drawn[k].w + spread * (double)drawn[k].gaps;
            if (drawn[k].kind == GLUE && justified)
                x += grow * drawn[k].w;
        }
        if (current >= 0 &&
            add_run(runs, run_class, styles, drawn, current, n, run_x, run_gap) < 0)
            goto done;
        PyObject *run_tuple = PyList_AsTuple(runs), *leader_tuple = PyList_AsTuple(leaders);
        if (run_tuple && leader_tuple)
            result = PyObject_CallFunction(line_class, "dOOdOO", height, natural, line_text,
                                           baseline, run_tuple, leader_tuple);
        Py_XDECREF(run_tuple);
        Py_XDECREF(leader_tuple);
    }
done:
    Py_XDECREF(big);
    Py_XDECREF(natural);
    Py_XDECREF(runs);
    Py_XDECREF(leaders);
    Py_XDECREF(held);
    Py_DECREF(items);
    PyMem_Free(drawn);
    PyMem_Free(used);
    PyMem_Free(values);
    return result;
}

/* ---- cutting a paragraph into items: breaking.split_items ---- */

static int cut_at(PyObject *position, unsigned char *cuts, Py_ssize_t length)
{
    Py_ssize_t at = PyLong_AsSsize_t(position);
    if (at == -1 && PyErr_Occurred())
        return -1;
    if (at > 0 && at < length)
        cuts[at] = 1;
    return 0;
}

/* What segment.is_glue says of c: 1 white space a line may break after, 2 U+200B, 0 no glue.
 * A run of either kind is one of segment.glue_spans. */
static int glue_kind(Py_UCS4 c)
{
    if (c == 0x200B)
        return 2;
    return Py_UNICODE_ISSPACE(c) && c != 0xA0 && c != 0x2007 && c != 0x202F;
}

static PyObject *split_items(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *text, *bounds, *breaks, *item_class, *kinds, *none;
    if (!PyArg_ParseTuple(args, "UO!O!OO!O:split_items", &text, &PyList_Type, &bounds,
                          &PyDict_Type, &breaks, &item_class, &PyTuple_Type, &kinds, &none))
        return NULL;
    if (PyTuple_GET_SIZE(kinds) != 4) {
        PyErr_SetString(PyExc_ValueError, "split_items: the kinds box, glue, tab, newline");
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    /* where an item may end: a break, either edge of glue, of a tab or of a newline */
    unsigned char *cuts = PyMem_Calloc(length + 1, 1);
    if (cuts == NULL)
        return PyErr_NoMemory();
    PyObject *items = PyList_New(0), *key, *value;
    Py_ssize_t at = 0;
    if (items == NULL)
        goto fail;
    while (PyDict_Next(breaks, &at, &key, &value))
        if (cut_at(key, cuts, length) < 0)
            goto fail;
    int before = 0; /* the glue kind of the character before */
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        int glue = glue_kind(c);
        if (glue != before) /* where a run of glue starts or ends */
            cuts[i] = 1;
        before = glue;
        if (c == '\t' || c == '\n') {
            cuts[i] = 1;
            cuts[i + 1] = 1;
        }
    }
    for (Py_ssize_t r = 0; r < PyList_GET_SIZE(bounds); r++) {
        Py_ssize_t run_start, run_end;
        PyObject *style;
        PyObject *bound = PyList_GET_ITEM(bounds, r);
        if (!PyTuple_Check(bound) || !PyArg_ParseTuple(bound, "nnO", &run_start, &run_end, &style))
            goto fail;
        if (run_start == run_end)
            continue;
        if (run_start < 0 || run_start > run_end || run_end > length) {
            PyErr_SetString(PyExc_ValueError, "split_items: a run lies outside the text");
            goto fail;
        }
        Py_ssize_t start = run_start;
        for (Py_ssize_t end = run_start + 1; end <= run_end; end++) {
            if (end < run_end && !cuts[end])
                continue;
            Py_UCS4 c = PyUnicode_READ(kind, data, start);
            Py_ssize_t which = c == '\t' ? 2 : c == '\n' ? 3 : glue_kind(c) != 0;
            PyObject *offset = PyLong_FromSsize_t(start);
            PyObject *before = offset ? PyDict_GetItemWithError(breaks, offset) : NULL;
            PyObject *item = NULL;
            if (offset != NULL && (before != NULL || !PyErr_Occurred()))
                item = PyObject_CallFunction(item_class, "OnOOO", offset, end,
                                             PyTuple_GET_ITEM(kinds, which), style,
                                             before ? before : none);
            Py_XDECREF(offset);
            if (item == NULL || PyList_Append(items, item) < 0) {
                Py_XDECREF(item);
                goto fail;
            }
            Py_DECREF(item);
            start = end;
        }
    }
    PyMem_Free(cuts);
    return items;
fail:
    PyMem_Free(cuts);
    Py_XDECREF(items);
    return NULL;
}

/* ---- shaping a paragraph's items: engine.TextEngine._shape on each box and glue ---- */

static PyObject *name_end;

static PyObject *shape_items(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *text, *items_object, *styles, *memo, *shape, *cluster_stretch;
    if (!PyArg_ParseTuple(args, "UOOO!OO:shape_items", &text, &items_object, &styles,
                          &PyDict_Type, &memo, &shape, &cluster_stretch))
        return NULL;
    PyObject *items = PySequence_List(items_object); /* a copy: attributes cannot change it */
    if (items == NULL)
        return NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(items); k++) {
        PyObject *item = PyList_GET_ITEM(items, k);
        long kind, style_index, start, end;
        if (read_long(item, name_kind, &kind) < 0)
            goto fail;
        if (kind != BOX && kind != GLUE)
            continue;
        if (read_long(item, name_start, &start) < 0 || read_long(item, name_end, &end) < 0 ||
            read_long(item, name_style, &style_index) < 0)
            goto fail;
        /* text[start:end], as Python slices it (from the end where negative) */
        start = start < 0 ? (start + length < 0 ? 0 : start + length) : start;
        end = end < 0 ? (end + length < 0 ? 0 : end + length) : end;
        start = start > length ? length : start;
        end = end < start ? start : end > length ? length : end;
        PyObject *style = PySequence_GetItem(styles, style_index);
        if (style == NULL)
            goto fail;
        PyObject *face = PyObject_GetAttr(style, name_face);
        PyObject *piece = face ? PyUnicode_Substring(text, start, end) : NULL;
        PyObject *key = piece ? PyTuple_Pack(2, face, piece) : NULL;
        PyObject *shaped = key ? PyDict_GetItemWithError(memo, key) : NULL;
        Py_XINCREF(shaped);
        if (shaped == NULL && key != NULL && !PyErr_Occurred()) {
            shaped = PyObject_CallFunctionObjArgs(shape, face, piece, NULL);
            if (shaped != NULL && PyDict_SetItem(memo, key, shaped) < 0)
                Py_CLEAR(shaped);
        }
        Py_XDECREF(face);
        Py_XDECREF(piece);
        Py_XDECREF(key);
        PyObject *size = shaped ? PyObject_GetAttr(style, name_size) : NULL;
        PyObject *units = size ? PyObject_GetAttr(style, name_units) : NULL;
        PyObject *natural = units ? PyObject_GetAttr(shaped, name_width) : NULL;
        PyObject *scaled = natural ? PyNumber_Multiply(natural, size) : NULL;
        PyObject *width = scaled ? PyNumber_TrueDivide(scaled, units) : NULL;
        int ok = width != NULL && PyObject_SetAttr(item, name_shaped, shaped) == 0 &&
                 PyObject_SetAttr(item, name_width, width) == 0;
        if (ok && kind == BOX) { /* (len(gaps) + 1) * CLUSTER_STRETCH * size */
            PyObject *gaps = PyObject_GetAttr(shaped, name_gaps);
            Py_ssize_t count = gaps ? PyObject_Length(gaps) : -1;
            Py_XDECREF(gaps);
            PyObject *clusters = count >= 0 ? PyLong_FromSsize_t(count + 1) : NULL;
            PyObject *most = clusters ? PyNumber_Multiply(clusters, cluster_stretch) : NULL;
            PyObject *stretch = most ? PyNumber_Multiply(most, size) : NULL;
            ok = stretch != NULL && PyObject_SetAttr(item, name_stretch, stretch) == 0;
            Py_XDECREF(clusters);
            Py_XDECREF(most);
            Py_XDECREF(stretch);
        }
        Py_DECREF(style);
        Py_XDECREF(shaped);
        Py_XDECREF(size);
        Py_XDECREF(units);
        Py_XDECREF(natural);
        Py_XDECREF(scaled);
        Py_XDECREF(width);
        if (!ok)
            goto fail;
    }
    Py_DECREF(items);
    Py_RETURN_NONE;
fail:
    Py_DECREF(items);
    return NULL;
}

/* ---- a run's content: drawing.run_parts ---- */

static PyObject *name_fragments, *name_natural, *name_others, *slot_mark;

/* Append the items of the tuple template.<name> to list. */
static int extend_with(PyObject *list, PyObject *template, PyObject *name)
{
    PyObject *items = PyObject_GetAttr(template, name);
    if (items == NULL)
        return -1;
    int status = -1;
    if (!PyTuple_Check(items))
        PyErr_SetString(PyExc_TypeError, "a template's fragments and pairs are tuples");
    else
        status = PyList_SetSlice(list, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, items);
    Py_DECREF(items);
    return status;
}

/* Add each glyph of template.natural to seen, in the order it gives them, unless there. */
static int add_natural(PyObject *seen, PyObject *template)
{
    PyObject *natural = PyObject_GetAttr(template, name_natural);
    if (natural == NULL)
        return -1;
    PyObject *glyphs = PyObject_GetIter(natural);
    Py_DECREF(natural);
    if (glyphs == NULL)
        return -1;
    PyObject *glyph;
    int status = 0;
    while (status == 0 && (glyph = PyIter_Next(glyphs)) != NULL) {
        PyObject *had = PyDict_SetDefault(seen, glyph, Py_None);
        status = had == NULL ? -1 : 0;
        Py_DECREF(glyph);
    }
    Py_DECREF(glyphs);
    return status == 0 && PyErr_Occurred() ? -1 : status;
}

static PyObject *run_parts(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *pieces, *known, *piece, *joint, *numbered, *joint_slots;
    if (!PyArg_ParseTuple(args, "O!O!OUO!O!:run_parts", &PyTuple_Type, &pieces, &PyDict_Type,
                          &known, &piece, &joint, &PyTuple_Type, &numbered, &PyTuple_Type,
                          &joint_slots))
        return NULL;
    PyObject *result = NULL, *others_tuple = NULL, *slots = NULL, *body = NULL, *pairs = NULL,
             *natural = NULL;
    PyObject *fragments = PyList_New(0), *others = PyList_New(0), *seen = PyDict_New();
    if (fragments == NULL || others == NULL || seen == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(pieces); i++) {
        PyObject *text = PyObject_GetAttr(PyTuple_GET_ITEM(pieces, i), name_text);
        if (text == NULL)
            goto done;
        PyObject *template = PyDict_GetItemWithError(known, text);
        if (template != NULL)
            Py_INCREF(template);
        else if (!PyErr_Occurred())
            template = PyObject_CallOneArg(piece, text);
        Py_DECREF(text);
        if (template == NULL)
            goto done;
        int status = extend_with(fragments, template, name_fragments) < 0 ||
                     extend_with(others, template, name_others) < 0 ||
                     add_natural(seen, template) < 0;
        Py_DECREF(template);
        if (status)
            goto done;
    }
    Py_ssize_t count = PyList_GET_SIZE(fragments);
    if ((others_tuple = PyList_AsTuple(others)) == NULL)
        goto done;
    if (PyTuple_GET_SIZE(joint_slots) && count > 1) { /* wide gaps: fillers between fragments */
        PyObject *interleaved = PyList_New(0);
        Py_ssize_t next = 0, total = PyTuple_GET_SIZE(others_tuple);
        for (Py_ssize_t k = 0; interleaved != NULL && k < count; k++) {
            if (k && PyList_SetSlice(interleaved, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX,
                                     joint_slots) < 0) {
                Py_CLEAR(interleaved);
                break;
            }
            Py_ssize_t wanted = PyUnicode_Count(PyList_GET_ITEM(fragments, k), slot_mark, 0,
                                                PY_SSIZE_T_MAX);
            Py_ssize_t stop = wanted < 0 ? -1 : (wanted < total - next ? next + wanted : total);
            PyObject *taken = stop < 0 ? NULL : PyTuple_GetSlice(others_tuple, next, stop);
            if (taken == NULL ||
                PyList_SetSlice(interleaved, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, taken) < 0)
                Py_CLEAR(interleaved);
            Py_XDECREF(taken);
            next = stop;
        }
        slots = interleaved == NULL ? NULL : PyList_AsTuple(interleaved);
        Py_XDECREF(interleaved);
    }
    else
        slots = Py_NewRef(others_tuple);
    if (slots == NULL || (body = PyUnicode_Join(joint, fragments)) == NULL ||
        (pairs = PySequence_Concat(numbered, others_tuple)) == NULL ||
        (natural = PySequence_Tuple(seen)) == NULL)
        goto done;
    result = Py_BuildValue("(OOOOn)", natural, pairs, body, slots, count);
done:
    Py_XDECREF(fragments);
    Py_XDECREF(others);
    Py_XDECREF(seen);
    Py_XDECREF(others_tuple);
    Py_XDECREF(slots);
    Py_XDECREF(body);
    Py_XDECREF(pairs);
    Py_XDECREF(natural);
    return result;
}

/* ---- a placed line's key: engine.line_extents ---- */

static PyObject *line_extents(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *items, *first;
    if (!PyArg_ParseTuple(args, "O!O:line_extents", &PyList_Type, &items, &first))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(items);
    PyObject *result = PyBytes_FromStringAndSize(NULL, 3 * n * (Py_ssize_t)sizeof(double));
    if (result == NULL)
        return NULL;
    double *values = (double *)PyBytes_AS_STRING(result);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(items, i);
        PyObject *end = PyObject_GetAttr(item, name_end);
        PyObject *from_first = end == NULL ? NULL : PyNumber_Subtract(end, first);
        Py_XDECREF(end);
        PyObject *style = from_first == NULL ? NULL : PyObject_GetAttr(item, name_style);
        PyObject *width = style == NULL ? NULL : PyObject_GetAttr(item, name_width);
        if (width == NULL) {
            Py_XDECREF(from_first);
            Py_XDECREF(style);
            Py_DECREF(result);
            return NULL;
        }
        /* each as array("d") stores it: a float, or a number turned into one */
        PyObject *parts[3] = {from_first, style, width};
        int failed = 0;
        for (int k = 0; k < 3; k++) {
            double number = failed ? 0.0 : PyFloat_AsDouble(parts[k]);
            failed = failed || (number == -1.0 && PyErr_Occurred());
            values[3 * i + k] = number;
            Py_DECREF(parts[k]);
        }
        if (failed) {
            Py_DECREF(result);
            return NULL;
        }
    }
    return result;
}

static PyMethodDef methods[] = {
    {"total_fit", total_fit, METH_VARARGS,
     "total_fit(items, start, stop, first_line, available, tab_width, justified, constants): "
     "(first item, end of content) of each line, as breaking._total_fit gives them."},
    {"template", template, METH_VARARGS,
     "template(glyphs, advances, x_offsets, y_offsets, gaps, pieces, natural, advances_embedded, "
     "units): (fragments, natural glyphs, other pairs) of a shaped piece's TJ content, as "
     "drawing._template makes them."},
    {"line_extents", line_extents, METH_VARARGS,
     "line_extents(items, first): each item's end from first, style and width as the bytes of "
     "an array of doubles, as engine.line_extents gives them."},
    {"run_parts", run_parts, METH_VARARGS,
     "run_parts(pieces, known, piece, joint, numbered, joint_slots): (natural, pairs, body, "
     "slots, fragment count) of a glyph run's content, as drawing.run_parts gives them."},
    {"shaped_parts", shaped_parts, METH_VARARGS,
     "shaped_parts(text, infos, positions, starts_cluster, pieces): the fields of a Shaped "
     "after its text, from harfbuzz's glyph infos and positions, as shaping.shaped_parts "
     "gives them."},
    {"split_items", split_items, METH_VARARGS,
     "split_items(text, bounds, breaks, item, kinds, none): the items of a paragraph, as "
     "breaking.split_items cuts them."},
    {"shape_items", shape_items, METH_VARARGS,
     "shape_items(text, items, styles, shaped, shape, cluster_stretch): each box and glue of "
     "a paragraph shaped and measured, as engine.TextEngine._shape shapes one."},
    {"place", place, METH_VARARGS,
     "place(items, styles, start, room, mode, tab_leaders, line_spacing, default_style, text, "
     "classes): a broken line placed, as justification.place places it."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_speedups",
    .m_doc = "Line breaking, TJ templates and shaped glyphs in C, the same results as the Python "
             "beside it.",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC PyInit__speedups(void)
{
    name_kind = PyUnicode_InternFromString("kind");
    name_width = PyUnicode_InternFromString("width");
    name_stretch = PyUnicode_InternFromString("stretch");
    name_before = PyUnicode_InternFromString("before");
    name_codepoint = PyUnicode_InternFromString("codepoint");
    name_cluster = PyUnicode_InternFromString("cluster");
    name_position = PyUnicode_InternFromString("position");
    name_fragments = PyUnicode_InternFromString("fragments");
    name_natural = PyUnicode_InternFromString("natural");
    name_others = PyUnicode_InternFromString("others");
    slot_mark = PyUnicode_InternFromString("{}");
    const char *names[] = {"style", "start", "shaped", "glyphs", "gaps", "text", "official",
                           "size", "units", "ascender", "descender", "face", "color", "end"};
    PyObject **interned[] = {&name_style, &name_start, &name_shaped, &name_glyphs, &name_gaps,
                             &name_text, &name_official, &name_size, &name_units,
                             &name_ascender, &name_descender, &name_face, &name_color,
                             &name_end};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if ((*interned[i] = PyUnicode_InternFromString(names[i])) == NULL)
            return NULL;
    if (!name_kind || !name_width || !name_stretch || !name_before || !name_codepoint ||
        !name_cluster || !name_position || !name_fragments || !name_natural || !name_others ||
        !slot_mark)
        return NULL;
    run_fields = PyTuple_New(RUN_FIELDS);
    if (run_fields == NULL)
        return NULL;
    for (int f = 0; f < RUN_FIELDS; f++) {
        PyObject *name = PyUnicode_InternFromString(run_field_names[f]);
        if (name == NULL)
            return NULL;
        PyTuple_SET_ITEM(run_fields, f, name);
    }
    PyObject *builtins = PyImport_ImportModule("builtins");
    if (builtins == NULL)
        return NULL;
    builtin_sum = PyObject_GetAttrString(builtins, "sum");
    Py_DECREF(builtins);
    if (builtin_sum == NULL)
        return NULL;
    PyObject *arrays = PyImport_ImportModule("array");
    if (arrays == NULL)
        return NULL;
    no_ints = PyObject_CallMethod(arrays, "array", "s", "i");
    Py_DECREF(arrays);
    name_copy = PyUnicode_InternFromString("__copy__");
    name_frombytes = PyUnicode_InternFromString("frombytes");
    if (no_ints == NULL || name_copy == NULL || name_frombytes == NULL)
        return NULL;
    return PyModule_Create(&module);
}
