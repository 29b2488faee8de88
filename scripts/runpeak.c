/*
 * runpeak: runs a command and prints its wall time and peak resident size,
 * for scripts/bench.
 *
 * Linux carries a process's peak resident size across fork and exec, so a
 * program started straight from Python reports at least the size of the
 * Python interpreter that started it. This small program starts the command
 * instead: what is carried over is only its own small size, the same for
 * every command measured.
 *
 *   runpeak CMD [ARG...]   prints "SECONDS KIB" on standard output, the
 *                          command's own output going to /dev/null; exits
 *                          with the command's status (125 if it could not
 *                          be started, 128+N if killed by signal N)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: runpeak CMD [ARG...]\n");
		return 125;
	}
	fflush(stdout);
	double start = now();
	pid_t pid = fork();
	if (pid < 0) {
		perror("runpeak: fork");
		return 125;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execvp(argv[1], argv + 1);
		fprintf(stderr, "runpeak: %s: %s\n", argv[1], strerror(errno));
		_exit(125);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("runpeak: wait4");
		return 125;
	}
	double elapsed = now() - start;
	printf("%.6f %ld\n", elapsed, ru.ru_maxrss);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
