/* A tiny HTTP service for container tests, linked statically so that an image needs nothing but this file.
   GET /health answers 200 (503 while HEALTH_FAIL is set); GET /env/NAME answers the value of NAME, GET /file/NAME the content of the file NAME names;
   any other path answers the version (VERSION), with 500 when VERSION equals FAIL_VERSION.
   Listens on PORT (default 8080). On SIGTERM it says so on stdout and exits 0. */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile sig_atomic_t stopping;

static void on_term(int sig) { (void)sig; stopping = 1; }

static void answer(int fd, int status, const char *body) {
    char head[256];
    const char *reason = status == 200 ? "OK" : status == 404 ? "Not Found" : status == 503 ? "Service Unavailable" : "Internal Server Error";
    const char *version = getenv("VERSION") ? getenv("VERSION") : "";
    int n = snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\nX-Shop-Version: %s\r\nConnection: close\r\n\r\n",
                     status, reason, strlen(body), version);
    if (write(fd, head, (size_t)n) < 0 || write(fd, body, strlen(body)) < 0) { /* the client left */ }
}

static void serve(int fd) {
    char request[4096];
    ssize_t got = read(fd, request, sizeof request - 1);
    if (got <= 0) return;
    request[got] = 0;
    char path[1024] = "";
    if (sscanf(request, "GET %1023s", path) != 1) { answer(fd, 404, "only GET\n"); return; }
    const char *version = getenv("VERSION") ? getenv("VERSION") : "";
    const char *fail = getenv("FAIL_VERSION");
    if (strcmp(path, "/health") == 0)
        answer(fd, getenv("HEALTH_FAIL") ? 503 : 200, getenv("HEALTH_FAIL") ? "unhealthy\n" : "ok\n");
    else if (strncmp(path, "/file/", 6) == 0 && getenv(path + 6)) {
        char content[1024] = "";
        FILE *file = fopen(getenv(path + 6), "r");
        size_t read = file ? fread(content, 1, sizeof content - 1, file) : 0;
        if (file) fclose(file);
        content[read] = 0;
        file ? answer(fd, 200, content) : answer(fd, 404, "no such file\n");
    }
    else if (strncmp(path, "/env/", 5) == 0)
        getenv(path + 5) ? answer(fd, 200, getenv(path + 5)) : answer(fd, 404, "unset\n");
    else
        answer(fd, fail && strcmp(fail, version) == 0 ? 500 : 200, version);
}

int main(void) {
    struct sigaction term = {0};
    term.sa_handler = on_term; /* no SA_RESTART: accept returns EINTR on SIGTERM */
    sigaction(SIGTERM, &term, NULL);
    signal(SIGPIPE, SIG_IGN);
    int port = getenv("PORT") ? atoi(getenv("PORT")) : 8080;
    int listener = socket(AF_INET, SOCK_STREAM, 0), on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port), .sin_addr.s_addr = htonl(INADDR_ANY)};
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 128) != 0) { perror("listen"); return 1; }
    printf("test service %s listening on %d\n", getenv("VERSION") ? getenv("VERSION") : "", port);
    fflush(stdout);
    while (!stopping) {
        int client = accept(listener, NULL, NULL);
        if (client < 0) continue;
        serve(client);
        close(client);
    }
    printf("received SIGTERM, exiting\n");
    fflush(stdout);
    return 0;
}
