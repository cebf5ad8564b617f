/* The text caches' store in C: caching.LeastRecentlyUsed, whose Python is the specification and
 * the fallback where this module is not built.
 *
 * A store keeps values in least-recently-used order while the bytes they are said to cost stay
 * within a budget. The text engine looks up a cache for every word it shapes or draws and
 * stores one for every new word; in Python, storing cost some two microseconds, a tenth of the
 * time of a document of new text.
 *
 * The values are reached through a dict from each key to a node, and the nodes are chained
 * from the least to the most recently used (as functools.lru_cache keeps its entries). Python
 * code may run inside a dict operation (a key's __hash__ or __eq__) and so may another thread:
 * the chain is only ever changed between such operations, and a node is dropped from the dict
 * only after it has left the chain.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct Node {
    PyObject_HEAD
    PyObject *key;
    PyObject *value;
    Py_ssize_t cost;
    struct Node *older, *newer; /* in the chain, or both NULL with chained 0 */
    int chained;
} Node;

static void node_dealloc(Node *self)
{
    Py_XDECREF(self->key);
    Py_XDECREF(self->value);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Not tracked by the cycle collector: a node is reached only from its store, which visits
 * what the node holds. */
static PyTypeObject NodeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "thaidocs._speedups._Node",
    .tp_basicsize = sizeof(Node),
    .tp_dealloc = (destructor)node_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

typedef struct {
    PyObject_HEAD
    PyObject *nodes; /* dict: key -> Node */
    Node *oldest, *newest;
    Py_ssize_t bytes;
    Py_ssize_t budget;
    PyObject *sizeof_; /* value -> its cost */
    PyObject *function; /* what a call memoises, or None */
} Store;

static PyObject *getsizeof; /* sys.getsizeof */

static void unchain(Store *self, Node *node)
{
    if (node->older != NULL)
        node->older->newer = node->newer;
    else
        self->oldest = node->newer;
    if (node->newer != NULL)
        node->newer->older = node->older;
    else
        self->newest = node->older;
    node->older = node->newer = NULL;
    node->chained = 0;
    self->bytes -= node->cost;
}

static void chain(Store *self, Node *node)
{
    node->older = self->newest;
    node->newer = NULL;
    if (self->newest != NULL)
        self->newest->newer = node;
    else
        self->oldest = node;
    self->newest = node;
    node->chained = 1;
    self->bytes += node->cost;
}

/* Drop the least recently used values until the budget holds. */
static int evict(Store *self)
{
    while (self->bytes > self->budget && self->oldest != NULL) {
        Node *node = self->oldest;
        unchain(self, node);
        Py_INCREF(node);
        PyObject *found = PyDict_GetItemWithError(self->nodes, node->key);
        int failed = 0;
        if (found == (PyObject *)node)
            failed = PyDict_DelItem(self->nodes, node->key) < 0;
        else if (found == NULL && PyErr_Occurred())
            failed = 1;
        Py_DECREF(node);
        if (failed)
            return -1;
    }
    return 0;
}

/* The value kept for key (a new reference), now the most recently used; NULL without an error
 * if none is kept. */
static PyObject *find(Store *self, PyObject *key)
{
    PyObject *found = PyDict_GetItemWithError(self->nodes, key);
    if (found == NULL)
        return NULL;
    Node *node = (Node *)found;
    if (node->chained && node != self->newest) {
        unchain(self, node);
        chain(self, node);
    }
    return Py_NewRef(node->value);
}

/* A key tuple none of whose items the cycle collector tracks is put out of its reach, as the
 * collector itself would put it, but only after walking it once: a document of new text
 * stores hundreds of keys. */
static void untrack_if_atomic(PyObject *key)
{
    if (!PyTuple_CheckExact(key) || !PyObject_GC_IsTracked(key))
        return;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(key); i++)
        if (PyObject_GC_IsTracked(PyTuple_GET_ITEM(key, i)))
            return;
    PyObject_GC_UnTrack(key);
}

/* Keep value for key at cost, unless it alone passes the budget or the key is kept already
 * (stored meanwhile by another thread, or by the function itself). */
static int keep(Store *self, PyObject *key, PyObject *value, Py_ssize_t cost)
{
    if (cost > self->budget)
        return 0;
    Node *node = PyObject_New(Node, &NodeType);
    if (node == NULL)
        return -1;
    node->key = Py_NewRef(key);
    node->value = Py_NewRef(value);
    node->cost = cost;
    node->older = node->newer = NULL;
    node->chained = 0;
    PyObject *kept = PyDict_SetDefault(self->nodes, key, (PyObject *)node);
    int stored = kept == (PyObject *)node;
    Py_DECREF(node);
    if (kept == NULL)
        return -1;
    if (!stored)
        return 0;
    untrack_if_atomic(key);
    chain(self, node);
    return evict(self);
}

static Py_ssize_t cost_of(PyObject *sizer, PyObject *value)
{
    PyObject *result = PyObject_CallOneArg(sizer, value);
    if (result == NULL)
        return -1;
    Py_ssize_t cost = PyNumber_AsSsize_t(result, PyExc_OverflowError);
    Py_DECREF(result);
    if (cost < 0 && !PyErr_Occurred())
        PyErr_SetString(PyExc_ValueError, "a cache entry's cost is a number of bytes, 0 or more");
    return cost;
}

static int store_init(Store *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"budget", "sizeof", "function", NULL};
    Py_ssize_t budget;
    PyObject *sizer, *function = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "nO|O:LeastRecentlyUsed", keywords, &budget,
                                     &sizer, &function))
        return -1;
    if (self->nodes == NULL && (self->nodes = PyDict_New()) == NULL)
        return -1;
    self->budget = budget;
    Py_XSETREF(self->sizeof_, Py_NewRef(sizer));
    Py_XSETREF(self->function, Py_NewRef(function));
    return 0;
}

static void forget(Store *self)
{
    while (self->oldest != NULL)
        unchain(self, self->oldest);
}

static int store_traverse(Store *self, visitproc visit, void *arg)
{
    Py_VISIT(self->nodes);
    for (Node *node = self->oldest; node != NULL; node = node->newer) {
        Py_VISIT(node->key);
        Py_VISIT(node->value);
    }
    Py_VISIT(self->sizeof_);
    Py_VISIT(self->function);
    return 0;
}

static int store_clear(Store *self)
{
    forget(self);
    Py_CLEAR(self->nodes);
    Py_CLEAR(self->sizeof_);
    Py_CLEAR(self->function);
    return 0;
}

static void store_dealloc(Store *self)
{
    PyObject_GC_UnTrack(self);
    store_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *store_call(Store *self, PyObject *args, PyObject *kwargs)
{
    if (self->function == NULL || self->function == Py_None) {
        PyErr_SetString(PyExc_TypeError, "this store memoises no function");
        return NULL;
    }
    PyObject *key;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs)) {
        PyObject *items = PyDict_Items(kwargs);
        if (items == NULL)
            return NULL;
        PyObject *named = PySequence_Tuple(items);
        Py_DECREF(items);
        if (named == NULL)
            return NULL;
        key = PyTuple_Pack(2, args, named);
        Py_DECREF(named);
        if (key == NULL)
            return NULL;
    }
    else
        key = Py_NewRef(args);
    PyObject *value = find(self, key);
    if (value != NULL || PyErr_Occurred()) {
        Py_DECREF(key);
        return value;
    }
    value = PyObject_Call(self->function, args, kwargs);
    if (value == NULL)
        goto failed;
    Py_ssize_t cost = cost_of(self->sizeof_, value);
    if (cost < 0)
        goto failed;
    /* the key's bytes: the arguments' tuple and each argument */
    Py_ssize_t count = PyTuple_GET_SIZE(args);
    for (Py_ssize_t i = -1; i < count; i++) {
        Py_ssize_t part = cost_of(getsizeof, i < 0 ? args : PyTuple_GET_ITEM(args, i));
        if (part < 0)
            goto failed;
        cost += part;
    }
    if (keep(self, key, value, cost) < 0)
        goto failed;
    Py_DECREF(key);
    return value;
failed:
    Py_DECREF(key);
    Py_XDECREF(value);
    return NULL;
}

static PyObject *store_get(Store *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "get() takes a key and a maker (%zd given)", nargs);
        return NULL;
    }
    PyObject *key = args[0];
    PyObject *value = find(self, key);
    if (value != NULL || PyErr_Occurred())
        return value;
    value = PyObject_CallNoArgs(args[1]);
    if (value == NULL)
        return NULL;
    Py_ssize_t cost = cost_of(self->sizeof_, value);
    if (cost < 0 || keep(self, key, value, cost) < 0) {
        Py_DECREF(value);
        return NULL;
    }
    return value;
}

static PyObject *store_clear_all(Store *self, PyObject *Py_UNUSED(unused))
{
    forget(self);
    PyDict_Clear(self->nodes);
    Py_RETURN_NONE;
}

static PyObject *store_keys(Store *self, PyObject *Py_UNUSED(unused))
{
    PyObject *keys = PyList_New(0);
    if (keys == NULL)
        return NULL;
    for (Node *node = self->oldest; node != NULL; node = node->newer)
        if (PyList_Append(keys, node->key) < 0) {
            Py_DECREF(keys);
            return NULL;
        }
    return keys;
}

static Py_ssize_t store_length(Store *self)
{
    return self->nodes == NULL ? 0 : PyDict_GET_SIZE(self->nodes);
}

static PyObject *store_get_budget(Store *self, void *Py_UNUSED(closure))
{
    return PyLong_FromSsize_t(self->budget);
}

static int store_set_budget(Store *self, PyObject *value, void *Py_UNUSED(closure))
{
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "a store always has a budget");
        return -1;
    }
    Py_ssize_t budget = PyNumber_AsSsize_t(value, PyExc_OverflowError);
    if (budget == -1 && PyErr_Occurred())
        return -1;
    self->budget = budget;
    return evict(self);
}

static PyObject *store_get_bytes(Store *self, void *Py_UNUSED(closure))
{
    return PyLong_FromSsize_t(self->bytes);
}

static PyMethodDef store_methods[] = {
    {"get", (PyCFunction)(void (*)(void))store_get, METH_FASTCALL,
     "get(key, make): the value kept for key, or else make()'s, kept from now on."},
    {"clear", (PyCFunction)store_clear_all, METH_NOARGS, "clear(): keep nothing."},
    {"keys_by_use", (PyCFunction)store_keys, METH_NOARGS,
     "keys_by_use(): the keys kept, the least recently used first."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "LeastRecentlyUsed[K, V]"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef store_getset[] = {
    {"budget", (getter)store_get_budget, (setter)store_set_budget,
     "Bytes the values may cost together; lowering it evicts.", NULL},
    {"bytes", (getter)store_get_bytes, NULL, "Bytes the values kept cost together.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* Whether a key is kept, leaving it where it is in the order of use. */
static int store_contains(Store *self, PyObject *key)
{
    return PyDict_Contains(self->nodes, key);
}

static PySequenceMethods store_sequence = {
    .sq_length = (lenfunc)store_length,
    .sq_contains = (objobjproc)store_contains,
};

static PyTypeObject StoreType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "thaidocs._speedups.LeastRecentlyUsed",
    .tp_basicsize = sizeof(Store),
    .tp_dealloc = (destructor)store_dealloc,
    .tp_call = (ternaryfunc)store_call,
    .tp_as_sequence = &store_sequence,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "LeastRecentlyUsed(budget, sizeof, function=None): values kept in "
              "least-recently-used order within budget bytes, as caching.LeastRecentlyUsed "
              "keeps them.",
    .tp_traverse = (traverseproc)store_traverse,
    .tp_clear = (inquiry)store_clear,
    .tp_methods = store_methods,
    .tp_getset = store_getset,
    .tp_init = (initproc)store_init,
    .tp_new = PyType_GenericNew,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_speedups",
    .m_doc = "The text caches' store in C, the same behaviour as the Python beside it.",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__speedups(void)
{
    if (PyType_Ready(&NodeType) < 0 || PyType_Ready(&StoreType) < 0)
        return NULL;
    getsizeof = PySys_GetObject("getsizeof");
    if (getsizeof == NULL) {
        PyErr_SetString(PyExc_ImportError, "sys.getsizeof is missing");
        return NULL;
    }
    Py_INCREF(getsizeof);
    PyObject *result = PyModule_Create(&module);
    if (result == NULL)
        return NULL;
    if (PyModule_AddObjectRef(result, "LeastRecentlyUsed", (PyObject *)&StoreType) < 0) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
}
