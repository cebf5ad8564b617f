/* Compression in a thread of its own: deflate.py's Deflation, where this module is built.
 *
 * A Python thread that calls zlib.compress holds the interpreter to start the call and to end
 * it, and so waits for the main thread, busy drawing, to let go of it; the worker of C
 * (_worker.h) reads bytes that cannot change and never needs the interpreter at all. The
 * stream is zlib's compress2 at the default level: what zlib.compress writes with the same
 * zlib, which deflate.py checks before it uses this module.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>
#include <zlib.h>

#include "../_worker.h"

typedef struct {
    PyObject_HEAD
    Job job;            /* its compression, for the worker */
    PyObject *data;     /* the bytes compressed, kept while the worker reads them */
    PyObject *result;   /* the compressed bytes, once asked for */
    unsigned char *out; /* the compressed bytes as the worker wrote them */
    uLongf out_length;
    int status;         /* zlib's status of the compression */
} Deflation;

/* Compress data's bytes; runs without the interpreter. */
static void compress_into(Deflation *self)
{
    uLong size = (uLong)PyBytes_GET_SIZE(self->data);
    uLongf room = compressBound(size);
    self->out = PyMem_RawMalloc(room);
    if (self->out == NULL) {
        self->status = Z_MEM_ERROR;
        return;
    }
    self->out_length = room;
    self->status = compress2(self->out, &self->out_length,
                             (const Bytef *)PyBytes_AS_STRING(self->data), size,
                             Z_DEFAULT_COMPRESSION);
}

static void compress_job(Job *job)
{
    compress_into((Deflation *)((char *)job - offsetof(Deflation, job)));
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
    self->job.run = compress_job;
    worker_submit(&self->job);
    return (PyObject *)self;
}

/* Wait until the worker is done with it, or take it out of the queue before it starts
 * (needed: 0); compress it here if it was a fork's parent's. */
static void settle(Deflation *self, int needed)
{
    pthread_mutex_lock(&worker_lock);
    if (self->job.pid != getpid()) { /* the parent's worker never gets to it here */
        if (self->job.state != JOB_DONE && needed)
            compress_into(self);
        self->job.state = JOB_DONE;
    }
    if (!needed)
        worker_unqueue(&self->job);
    worker_wait(&self->job);
    pthread_mutex_unlock(&worker_lock);
}

static PyObject *deflation_result(Deflation *self, PyObject *Py_UNUSED(ignored))
{
    if (self->result == NULL) {
        Py_BEGIN_ALLOW_THREADS
        settle(self, 1);
        Py_END_ALLOW_THREADS
    }
    /* another thread that waited for it too may have made the bytes meanwhile */
    if (self->result == NULL) {
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
    /* the worker reads data and writes out: both outlive its work */
    Py_BEGIN_ALLOW_THREADS
    settle(self, 0);
    Py_END_ALLOW_THREADS
    Py_XDECREF(self->data);
    Py_XDECREF(self->result);
    PyMem_RawFree(self->out);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef deflation_methods[] = {
    {"result", (PyCFunction)deflation_result, METH_NOARGS,
     PyDoc_STR("result(): the compressed bytes, once the worker is done with them.")},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject DeflationType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "thaidocs.pdf._deflate.Deflation",
    .tp_doc = PyDoc_STR("Deflation(data): data being compressed by this process's worker."),
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
    if (PyType_Ready(&DeflationType) < 0 || worker_setup() < 0)
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
