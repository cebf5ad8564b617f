/* A worker thread of C for an extension module that includes this: jobs that need no
 * interpreter (compressing a stream, finding a document's word boundaries), taken first in
 * first out by one thread per process.
 *
 * One thread, not one a job: starting a thread costs the caller more than many a job takes,
 * and several would crowd the main thread off its core. The worker ends after a second
 * without work, so a process done with documents keeps no thread of ours (Python 3.12 and
 * later warn at a fork in a process with threads); the next job starts another. After a fork
 * the child has no worker: its lock and conditions are made afresh (worker_setup), and a job
 * the parent queued is the child's to run itself (job.pid tells).
 */
#ifndef THAIDOCS_WORKER_H
#define THAIDOCS_WORKER_H

#include <Python.h>
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#define WORKER_IDLE_SECONDS 1

/* DONE is 0, so a job in zeroed memory is no job the worker has. */
enum { JOB_DONE, JOB_WAITING, JOB_RUNNING };

typedef struct Job {
    void (*run)(struct Job *job); /* the work, run without the interpreter */
    int state;                    /* JOB_WAITING in the queue, JOB_RUNNING, JOB_DONE (locked) */
    pid_t pid;                    /* the process whose worker has it */
    struct Job *next;             /* the next in the queue */
} Job;

static pthread_mutex_t worker_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t worker_queued = PTHREAD_COND_INITIALIZER;   /* a job joined the queue */
static pthread_cond_t worker_finished = PTHREAD_COND_INITIALIZER; /* a job, or part, is done */
static Job *queue_head, *queue_tail;
static pid_t worker_pid; /* the process the worker runs in: none yet, or a fork's parent */

/* Wait for a job (the lock held); 1 once none has come for WORKER_IDLE_SECONDS. */
static int worker_idle(void)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += WORKER_IDLE_SECONDS;
    return pthread_cond_timedwait(&worker_queued, &worker_lock, &until) == ETIMEDOUT &&
           queue_head == NULL;
}

static void *worker_run(void *Py_UNUSED(argument))
{
    pthread_mutex_lock(&worker_lock);
    for (;;) {
        while (queue_head == NULL)
            if (worker_idle()) { /* the next job starts another worker */
                worker_pid = 0;
                pthread_mutex_unlock(&worker_lock);
                return NULL;
            }
        Job *job = queue_head;
        queue_head = job->next;
        if (queue_head == NULL)
            queue_tail = NULL;
        job->state = JOB_RUNNING;
        pthread_mutex_unlock(&worker_lock);
        job->run(job);
        pthread_mutex_lock(&worker_lock);
        job->state = JOB_DONE;
        pthread_cond_broadcast(&worker_finished);
    }
    return NULL;
}

static void worker_forked(void)
{
    pthread_mutex_init(&worker_lock, NULL);
    pthread_cond_init(&worker_queued, NULL);
    pthread_cond_init(&worker_finished, NULL);
    queue_head = queue_tail = NULL;
}

/* Prepare for forks, once, at the module's import; 0, or -1 with an exception set. */
static int worker_setup(void)
{
    if (pthread_atfork(NULL, NULL, worker_forked) != 0) {
        PyErr_SetString(PyExc_RuntimeError, "could not prepare for a fork");
        return -1;
    }
    return 0;
}

/* Start this process's worker unless it runs (the lock held); 0, or -1 where no thread is to
 * be had. */
static int worker_start(void)
{
    if (worker_pid == getpid())
        return 0;
    pthread_t thread;
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0)
        return -1;
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    int started = pthread_create(&thread, &attributes, worker_run, NULL) == 0;
    pthread_attr_destroy(&attributes);
    if (!started)
        return -1;
    worker_pid = getpid();
    return 0;
}

/* Give a job to the worker, or run it here, now, where no thread is to be had. */
static void worker_submit(Job *job)
{
    job->pid = getpid();
    pthread_mutex_lock(&worker_lock);
    if (worker_start() == 0) {
        job->state = JOB_WAITING;
        job->next = NULL;
        if (queue_tail != NULL)
            queue_tail->next = job;
        else
            queue_head = job;
        queue_tail = job;
        pthread_cond_signal(&worker_queued);
        pthread_mutex_unlock(&worker_lock);
        return;
    }
    pthread_mutex_unlock(&worker_lock);
    job->run(job);
    job->state = JOB_DONE;
}

/* Take a job out of the queue if it still waits there (the lock held). */
static void worker_unqueue(Job *job)
{
    if (job->state != JOB_WAITING)
        return;
    Job **link = &queue_head, *before = NULL;
    while (*link != job) {
        before = *link;
        link = &(*link)->next;
    }
    *link = job->next;
    if (queue_tail == job)
        queue_tail = before;
    job->state = JOB_DONE;
}

/* Wait until the worker is done with a job (the lock held). */
static void worker_wait(Job *job)
{
    while (job->state != JOB_DONE)
        pthread_cond_wait(&worker_finished, &worker_lock);
}

#endif
