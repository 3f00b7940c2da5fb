/*
 * loadgen: a request/answer load generator for the benchmark harness (one thread, epoll, many connections).
 *
 * Each connection sends `depth` requests in one write, reads their answers, checks every byte against the
 * expected answers, and sends the next burst; with `-q N` it closes after N answers and opens a new connection
 * (connection churn). Requests cycle through the pairs given with -r (request=answer, answers known exactly).
 *
 *   loadgen -p PORT [-h 127.0.0.1] [-c 64] [-d 1] [-q 0] [-t 5] [-w 0] [-s 1] -r 'Beautiful is better than?=Ugly.' ...
 *
 * With -s N (IPv4 loopback servers only) connection i connects from 127.0.0.(1 + i % N), so that a server's
 * per-address connection limit sees N clients rather than one.
 *
 * After the warm-up it prints "measuring" on stdout, then, when the measured time is over, one JSON line:
 * answers, connections completed, errors, seconds, and its own user and system CPU seconds over that time.
 * Failed connections (refused, reset, closed early, a wrong byte) are counted as errors and opened again.
 * Exits 2 on bad options.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_PAIRS 16
#define MAX_DEPTH 1024

struct pair {
    const char *request;
    size_t request_len;
    const char *answer;
    size_t answer_len;
};

struct conn {
    int fd;
    int connected;
    int index;               /* the connection's number, which picks its source address */
    unsigned next_request;   /* index (mod pairs) of the next request to send */
    unsigned next_answer;    /* index (mod pairs) of the answer expected next */
    size_t answer_pos;       /* bytes of that answer already matched */
    int in_flight;           /* requests sent and not yet answered */
    long answered;           /* answers on this connection */
    char *out;               /* bytes of the current burst not yet written */
    size_t out_len, out_pos;
};

static struct pair pairs[MAX_PAIRS];
static int pair_count;
static struct sockaddr_storage server;
static socklen_t server_len;
static int epfd;
static int depth = 1;
static int sources = 1;  /* source addresses 127.0.0.1 to 127.0.0.N, one per connection in turn */
static long per_connection;  /* 0: keep each connection for the whole run */
static long answers, completed, errors;
static int measuring;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_seconds(int user) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    struct timeval tv = user ? ru.ru_utime : ru.ru_stime;
    return tv.tv_sec + tv.tv_usec / 1e6;
}

static void die(const char *what) {
    fprintf(stderr, "loadgen: %s\n", what);
    exit(2);
}

static void watch(struct conn *c, int op, unsigned events) {
    struct epoll_event ev = {.events = events, .data.ptr = c};
    if (epoll_ctl(epfd, op, c->fd, &ev) < 0) {
        perror("loadgen: epoll_ctl");
        exit(1);
    }
}

static void open_conn(struct conn *c) {
    c->fd = socket(server.ss_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (c->fd < 0) {
        perror("loadgen: socket");
        exit(1);
    }
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (sources > 1) {
        /* The port is still chosen at connect time (as without bind), so churn does not run out of ports. */
        setsockopt(c->fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        struct sockaddr_in source = {.sin_family = AF_INET,
                                     .sin_addr.s_addr = htonl(0x7f000001u + (uint32_t) (c->index % sources))};
        if (bind(c->fd, (struct sockaddr *) &source, sizeof source) < 0) {
            perror("loadgen: bind to a source address");
            exit(1);
        }
    }
    c->connected = 0;
    c->in_flight = 0;
    c->answered = 0;
    c->answer_pos = 0;
    c->out_len = c->out_pos = 0;
    c->next_answer = c->next_request;
    if (connect(c->fd, (struct sockaddr *) &server, server_len) < 0 && errno != EINPROGRESS) {
        errors++;
    }
    watch(c, EPOLL_CTL_ADD, EPOLLOUT | EPOLLIN);
}

static void close_conn(struct conn *c, int failed) {
    if (failed) {
        errors++;
    } else if (measuring) {
        completed++;
    }
    close(c->fd);  /* also removes it from the epoll set */
}

static void reopen(struct conn *c, int failed) {
    close_conn(c, failed);
    open_conn(c);
}

/* Writes what is left of the burst; 0 when all is written, 1 when the socket is full, -1 on error. */
static int flush_out(struct conn *c) {
    while (c->out_pos < c->out_len) {
        ssize_t n = write(c->fd, c->out + c->out_pos, c->out_len - c->out_pos);
        if (n < 0) {
            return errno == EAGAIN ? 1 : -1;
        }
        c->out_pos += (size_t) n;
    }
    return 0;
}

/* Starts the next burst of requests (fewer when the connection's quota is nearly used up). */
static int send_burst(struct conn *c) {
    long burst = depth;
    if (per_connection > 0 && per_connection - c->answered < burst) {
        burst = per_connection - c->answered;
    }
    c->out_len = c->out_pos = 0;
    for (long i = 0; i < burst; i++) {
        struct pair *p = &pairs[c->next_request % pair_count];
        memcpy(c->out + c->out_len, p->request, p->request_len);
        c->out_len += p->request_len;
        c->next_request++;
    }
    c->in_flight = (int) burst;
    return flush_out(c);
}

/* Matches received bytes against the expected answers; -1 on a wrong byte. */
static int consume(struct conn *c, const char *data, ssize_t n) {
    for (ssize_t i = 0; i < n; i++) {
        if (c->in_flight == 0) {
            return -1;  /* bytes nobody asked for */
        }
        struct pair *p = &pairs[c->next_answer % pair_count];
        if (data[i] != p->answer[c->answer_pos]) {
            return -1;
        }
        if (++c->answer_pos == p->answer_len) {
            c->answer_pos = 0;
            c->next_answer++;
            c->in_flight--;
            c->answered++;
            if (measuring) {
                answers++;
            }
        }
    }
    return 0;
}

static void on_event(struct conn *c, unsigned events) {
    if (!c->connected) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0 || (events & (EPOLLERR | EPOLLHUP))) {
            reopen(c, 1);
            return;
        }
        c->connected = 1;
        int r = send_burst(c);
        if (r < 0) {
            reopen(c, 1);
            return;
        }
        watch(c, EPOLL_CTL_MOD, r ? EPOLLIN | EPOLLOUT : EPOLLIN);
        return;
    }
    if (events & EPOLLOUT) {
        int r = flush_out(c);
        if (r < 0) {
            reopen(c, 1);
            return;
        }
        if (r == 0) {
            watch(c, EPOLL_CTL_MOD, EPOLLIN);
        }
    }
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
        char buf[65536];
        for (;;) {
            ssize_t n = read(c->fd, buf, sizeof buf);
            if (n < 0 && errno == EAGAIN) {
                break;
            }
            if (n <= 0 || consume(c, buf, n) < 0) {
                reopen(c, 1);  /* reset, early close or a wrong answer */
                return;
            }
            if (c->in_flight == 0) {
                if (per_connection > 0 && c->answered >= per_connection) {
                    reopen(c, 0);
                    return;
                }
                int r = send_burst(c);
                if (r < 0) {
                    reopen(c, 1);
                    return;
                }
                if (r > 0) {
                    watch(c, EPOLL_CTL_MOD, EPOLLIN | EPOLLOUT);
                }
                break;
            }
        }
    }
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1";
    int port = 0, connections = 64;
    double seconds = 5, warmup = 0;
    int opt;
    while ((opt = getopt(argc, argv, "h:p:c:d:q:t:w:s:r:")) != -1) {
        switch (opt) {
        case 'h': host = optarg; break;
        case 'p': port = atoi(optarg); break;
        case 'c': connections = atoi(optarg); break;
        case 'd': depth = atoi(optarg); break;
        case 'q': per_connection = atol(optarg); break;
        case 't': seconds = atof(optarg); break;
        case 'w': warmup = atof(optarg); break;
        case 's': sources = atoi(optarg); break;
        case 'r': {
            char *eq = strchr(optarg, '=');
            if (eq == NULL || pair_count == MAX_PAIRS) die("-r takes request=answer (at most 16 pairs)");
            *eq = '\0';
            pairs[pair_count].request = optarg;
            pairs[pair_count].request_len = strlen(optarg);
            pairs[pair_count].answer = eq + 1;
            pairs[pair_count].answer_len = strlen(eq + 1);
            if (pairs[pair_count].request_len == 0 || pairs[pair_count].answer_len == 0) die("empty request or answer");
            pair_count++;
            break;
        }
        default:
            die("usage: loadgen -p PORT [-h HOST] [-c CONNS] [-d DEPTH] [-q PER_CONN] [-t SECONDS] [-w WARMUP]"
                " [-s SOURCES] -r REQ=ANS...");
        }
    }
    if (port <= 0 || port > 65535) die("-p PORT is required (1-65535)");
    if (pair_count == 0) die("at least one -r request=answer is required");
    if (connections < 1 || depth < 1 || depth > MAX_DEPTH || seconds <= 0 || warmup < 0 || per_connection < 0) {
        die("bad -c, -d (1-1024), -q, -t or -w");
    }
    if (sources < 1 || sources > 254) die("-s takes 1 to 254 source addresses");
    memset(&server, 0, sizeof server);
    struct sockaddr_in *v4 = (struct sockaddr_in *) &server;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *) &server;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        server_len = sizeof *v4;
        if (sources > 1 && (ntohl(v4->sin_addr.s_addr) >> 24) != 127) die("-s needs a 127.x.x.x server address");
    } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        if (sources > 1) die("-s works with IPv4 loopback only");
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        server_len = sizeof *v6;
    } else {
        die("-h takes an IPv4 or IPv6 literal");
    }

    size_t longest = 0;
    for (int i = 0; i < pair_count; i++) {
        if (pairs[i].request_len > longest) longest = pairs[i].request_len;
    }
    epfd = epoll_create1(0);
    struct conn *conns = calloc((size_t) connections, sizeof *conns);
    if (epfd < 0 || conns == NULL) die("out of resources");
    for (int i = 0; i < connections; i++) {
        conns[i].out = malloc(longest * (size_t) depth);
        if (conns[i].out == NULL) die("out of memory");
        conns[i].index = i;
        conns[i].next_request = (unsigned) i;  /* connections start on different questions */
        open_conn(&conns[i]);
    }

    struct epoll_event events[256];
    double start = now(), measure_start = start + warmup, end = measure_start + seconds;
    double user0 = 0, sys0 = 0;
    if (warmup == 0) {
        measuring = 1;
        printf("measuring\n");
        fflush(stdout);
        user0 = cpu_seconds(1);
        sys0 = cpu_seconds(0);
    }
    for (;;) {
        double t = now();
        if (!measuring && t >= measure_start) {
            measuring = 1;
            errors = 0;
            printf("measuring\n");
            fflush(stdout);
            user0 = cpu_seconds(1);
            sys0 = cpu_seconds(0);
            measure_start = t;
        }
        if (t >= end) {
            break;
        }
        int n = epoll_wait(epfd, events, 256, 10);
        for (int i = 0; i < n; i++) {
            on_event(events[i].data.ptr, events[i].events);
        }
    }
    double elapsed = now() - measure_start;
    printf("{\"answers\":%ld,\"connections\":%ld,\"errors\":%ld,\"seconds\":%.6f,\"user\":%.6f,\"sys\":%.6f}\n",
           answers, completed, errors, elapsed, cpu_seconds(1) - user0, cpu_seconds(0) - sys0);
    fflush(stdout);
    return 0;
}
