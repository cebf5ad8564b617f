/* Compression in a thread of its own: deflate.py's Deflation, where this module is built.
 *
 * A Python thread that calls zlib.compress holds the interpreter to start the call and to end
 * it, and so waits for the main thread, busy drawing, to let go of it; a thread of C reads
 * bytes that cannot change and never needs the interpreter at all. One such thread a process
 * takes the streams in turn: a thread started for each would cost the main thread more than
 * many a stream takes, and would crowd it off its core. The stream is zlib's compress2 at
 * the default level: what zlib.compress writes with the same zlib, which deflate.py checks
 * before it uses this module.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

enum { WAITING, COMPRESSING, DONE };

typedef struct Deflation {
    PyObject_HEAD
    PyObject *data;         /* the bytes compressed, kept while the worker reads them */
    PyObject *result;       /* the compressed bytes, once asked for */
    unsigned char *out;     /* the compressed bytes as the worker wrote them */
    uLongf out_length;
    int status;             /* zlib's status of the compression */
    int state;              /* WAITING in the queue, COMPRESSING, DONE (under the lock) */
    pid_t pid;              /* the process whose worker has it */
    struct Deflation *next; /* the next in the queue */
} Deflation;

/* The worker of this process and its queue, first in first out. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queued = PTHREAD_COND_INITIALIZER;   /* a stream joined the queue */
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER; /* a stream is done */
static Deflation *head, *tail;
#define IDLE_SECONDS 1
static pid_t worker_pid; /* the process the worker runs in: none yet, or a fork's parent */

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

/* Wait for work (the lock held); 1 once none has come for IDLE_SECONDS: a process that is
 * done with documents keeps no thread of ours, which would make a later fork warn. */
static int idle(pthread_cond_t *work_queued)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += IDLE_SECONDS;
    return pthread_cond_timedwait(work_queued, &lock, &until) == ETIMEDOUT && head == NULL;
}

static void *work(void *Py_UNUSED(argument))
{
    pthread_mutex_lock(&lock);
    for (;;) {
        while (head == NULL)
            if (idle(&queued)) { /* the next one starts another worker */
                worker_pid = 0;
                pthread_mutex_unlock(&lock);
                return NULL;
            }
        Deflation *next = head;
        head = next->next;
        if (head == NULL)
            tail = NULL;
        next->state = COMPRESSING;
        pthread_mutex_unlock(&lock);
        compress_into(next);
        pthread_mutex_lock(&lock);
        next->state = DONE;
        pthread_cond_broadcast(&finished);
    }
    return NULL;
}

/* In a forked child there is no worker: the lock and conditions are made afresh and what the
 * parent's worker had is the child's to compress itself, if it asks. */
static void forked(void)
{
    pthread_mutex_init(&lock, NULL);
    pthread_cond_init(&queued, NULL);
    pthread_cond_init(&finished, NULL);
    head = tail = NULL;
}

/* Start this process's worker unless it runs; 0, or -1 where no thread is to be had (the
 * lock held). */
static int start_worker(void)
{
    if (worker_pid == getpid())
        return 0;
    pthread_t thread;
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0)
        return -1;
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    int started = pthread_create(&thread, &attributes, work, NULL) == 0;
    pthread_attr_destroy(&attributes);
    if (!started)
        return -1;
    worker_pid = getpid();
    return 0;
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
    self->pid = getpid();
    pthread_mutex_lock(&lock);
    if (start_worker() == 0) {
        self->state = WAITING;
        if (tail != NULL)
            tail->next = self;
        else
            head = self;
        tail = self;
        pthread_cond_signal(&queued);
        pthread_mutex_unlock(&lock);
    }
    else { /* no thread to be had: compressed here, now */
        pthread_mutex_unlock(&lock);
        compress_into(self);
        self->state = DONE;
    }
    return (PyObject *)self;
}

/* Wait until the worker is done with it, or take it out of the queue before it starts
 * (needed: 0); compress it here if it belonged to a fork's parent. */
static void settle(Deflation *self, int needed)
{
    if (self->pid != getpid()) { /* the parent's worker never gets to it here */
        pthread_mutex_lock(&lock);
        if (self->state != DONE && needed)
            compress_into(self);
        self->state = DONE;
        pthread_mutex_unlock(&lock);
        return;
    }
    pthread_mutex_lock(&lock);
    if (!needed && self->state == WAITING) { /* unqueue it */
        Deflation **link = &head, *before = NULL;
        while (*link != self) {
            before = *link;
            link = &(*link)->next;
        }
        *link = self->next;
        if (tail == self)
            tail = before;
        self->state = DONE;
    }
    while (self->state != DONE)
        pthread_cond_wait(&finished, &lock);
    pthread_mutex_unlock(&lock);
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
    if (PyType_Ready(&DeflationType) < 0)
        return NULL;
    if (pthread_atfork(NULL, NULL, forked) != 0) {
        PyErr_SetString(PyExc_RuntimeError, "could not prepare for a fork");
        return NULL;
    }
    PyObject *result = PyModule_Create(&module);
    if (result == NULL)
        return NULL;
    if (PyModule_AddObjectRef(result, "Deflation", (PyObject *)&DeflationType) < 0) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
}
