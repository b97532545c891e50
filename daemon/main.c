/*
 * main.c - madoguchid: the intake daemon.
 *
 * Set up, install signals, run the intake loop; falling out of the loop
 * means a stop was requested (or --once finished).
 */
#include "config.h"
#include "intake.h"
#include "log.h"
#include "sig.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void usage(FILE *out)
{
	fprintf(out, "usage: madoguchid [-c FILE] [-n] [--once] [-v]\n"
		     "  -c FILE   configuration file (default $MADOGUCHI_CONFIG or " CONFIG_DEFAULT_PATH
		     ")\n"
		     "  -n        check the configuration and exit\n"
		     "  --once    fetch what is new once, then exit\n"
		     "  -v        log debug messages\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {{"once", no_argument, NULL, 'o'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	const char *path = NULL, *why = NULL;
	bool check_only = false, once = false, verbose = false;
	struct config *cfg;
	char *errors = NULL, *password;
	int ch, status;

	while ((ch = getopt_long(argc, argv, "c:nvh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'n':
			check_only = true;
			break;
		case 'o':
			once = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	log_init("madoguchid", LOG_LEVEL_INFO);
	cfg = config_load(config_path(path), &errors);
	if (cfg == NULL || config_check_daemon(cfg, &errors) == -1) {
		fputs(errors != NULL ? errors : "madoguchid: cannot load configuration\n", stderr);
		free(errors);
		config_free(cfg);
		return 1;
	}
	if (check_only) {
		printf("%s: configuration ok\n", cfg->path);
		config_free(cfg);
		return 0;
	}
	log_set_level(verbose ? LOG_LEVEL_DEBUG : (enum log_level)cfg->log_level);
	password = config_imap_password(cfg, &why);
	if (password == NULL) {
		log_warnx("%s: [imap] password_file: %s", cfg->path, why);
		config_free(cfg);
		return 1;
	}
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	sig_install();
	status = intake_run(cfg, password, once);
	explicit_bzero(password, strlen(password));
	free(password);
	config_free(cfg);
	return status;
}
