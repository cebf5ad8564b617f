/* Compression in a thread of its own: deflate.py's Deflation, where this module is built.
 *
 * A Python thread that calls zlib.compress holds the interpreter to start the call and to end
 * it, and so waits for the main thread, busy drawing, to let go of it; a thread of C reads
 * bytes that cannot change and never needs the interpreter at all. The stream is zlib's
 * compress2 at the default level: what zlib.compress writes with the same zlib, which
 * deflate.py checks before it uses this module.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pthread.h>
#include <unistd.h>
#include <zlib.h>

typedef struct {
    PyObject_HEAD
    PyObject *data;     /* the bytes compressed, kept while the thread reads them */
    PyObject *result;   /* the compressed bytes, once joined */
    unsigned char *out; /* the thread's output: room for the most zlib may write */
    uLong room;
    uLongf out_length;
    int status;         /* zlib's status of the compression */
    int running;        /* a thread was started and not yet joined */
    pid_t pid;          /* the process that started it: a fork leaves the thread behind */
    pthread_t thread;
} Deflation;

/* Compress data's bytes into out; runs without the interpreter. */
static void compress_into(Deflation *self)
{
    self->out_length = self->room;
    self->status = compress2(self->out, &self->out_length,
                             (const Bytef *)PyBytes_AS_STRING(self->data),
                             (uLong)PyBytes_GET_SIZE(self->data), Z_DEFAULT_COMPRESSION);
}

static void *run(void *argument)
{
    compress_into((Deflation *)argument);
    return NULL;
}

static PyObject *deflation_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *data;
    static char *keywords[] = {"data", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "S:Deflation", keywords, &data))
        return NULL;
    if ((unsigned long long)PyBytes_GET_SIZE(data) > (unsigned long long)(uLong)-1 / 2) {
        PyErr_SetString(PyExc_OverflowError, "too many bytes to compress at once");
        return NULL;
    }
    Deflation *self = (Deflation *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->data = Py_NewRef(data);
    self->room = compressBound((uLong)PyBytes_GET_SIZE(data));
    self->out = PyMem_RawMalloc(self->room);
    if (self->out == NULL) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    self->pid = getpid();
    self->running = pthread_create(&self->thread, NULL, run, self) == 0;
    if (!self->running) /* no thread to be had: compressed here, now */
        compress_into(self);
    return (PyObject *)self;
}

/* Wait for the thread, if one runs for this process. One started before a fork runs in the
 * parent only: the child compresses here if it needs the result. */
static void join(Deflation *self, int needed)
{
    if (!self->running)
        return;
    self->running = 0;
    if (self->pid != getpid()) {
        if (needed)
            compress_into(self);
        return;
    }
    Py_BEGIN_ALLOW_THREADS
    pthread_join(self->thread, NULL);
    Py_END_ALLOW_THREADS
}

static PyObject *deflation_result(Deflation *self, PyObject *Py_UNUSED(ignored))
{
    if (self->result == NULL) {
        join(self, 1);
        if (self->status != Z_OK) {
            PyErr_Format(PyExc_MemoryError, "zlib could not compress (status %d)", self->status);
            return NULL;
        }
        self->result = PyBytes_FromStringAndSize((const char *)self->out,
                                                 (Py_ssize_t)self->out_length);
        if (self->result == NULL)
            return NULL;
        PyMem_RawFree(self->out);
        self->out = NULL;
        Py_CLEAR(self->data);
    }
    return Py_NewRef(self->result);
}

static void deflation_dealloc(Deflation *self)
{
    join(self, 0); /* the thread reads data and writes out: both outlive it */
    Py_XDECREF(self->data);
    Py_XDECREF(self->result);
    PyMem_RawFree(self->out);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef deflation_methods[] = {
    {"result", (PyCFunction)deflation_result, METH_NOARGS,
     PyDoc_STR("result(): the compressed bytes, once the thread is done.")},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject DeflationType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "thaidocs.pdf._deflate.Deflation",
    .tp_doc = PyDoc_STR("Deflation(data): data being compressed in a thread of its own."),
    .tp_basicsize = sizeof(Deflation),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = deflation_new,
    .tp_dealloc = (destructor)deflation_dealloc,
    .tp_methods = deflation_methods,
};

static PyObject *runtime_version(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString(zlibVersion());
}

static PyMethodDef methods[] = {
    {"zlib_version", runtime_version, METH_NOARGS,
     PyDoc_STR("zlib_version(): the version of the zlib this module runs with.")},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_deflate",
    .m_doc = "Compression in a thread of its own.",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC PyInit__deflate(void)
{
    if (PyType_Ready(&DeflationType) < 0)
        return NULL;
    PyObject *result = PyModule_Create(&module);
    if (result == NULL)
        return NULL;
    if (PyModule_AddObjectRef(result, "Deflation", (PyObject *)&DeflationType) < 0) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
}
