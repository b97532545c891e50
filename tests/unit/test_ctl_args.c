/*
 * test_ctl_args.c - madoctl's command lines against the grammars in its
 * real command table: what each command receives, or that it is misuse
 * (usage, exit 2) or a request for help, before anything runs.
 *
 * The table links the command files, which call back into madoctl.c; the
 * test never runs a command, so the functions madoctl.c gives them
 * are stand-ins here that stop the test if ever called.
 */
#include "check.h"
#include "madoctl.h"

#include <stdlib.h>
#include <string.h>

PGconn *ctl_db(struct ctl *ctl)
{
	(void)ctl;
	abort();
}

const char *ctl_actor(void)
{
	abort();
}

int ctl_usage(const struct ctl_command *cmd)
{
	(void)cmd;
	abort();
}

const char *ctl_acting(const struct ctl_command *cmd, const struct ctl_args *args)
{
	(void)cmd;
	(void)args;
	abort();
}

static const struct ctl_command *const commands[] = {
    &cmd_migrate_entry, &cmd_list_entry,         &cmd_show_entry,  &cmd_close_entry,
    &cmd_jobs_entry,    &cmd_quarantine_entry,   &cmd_kb_entry,    &cmd_classify_entry,
    &cmd_recategorize_entry, &cmd_train_entry, &cmd_answer_entry, &cmd_ship_entry,
    &cmd_split_entry, &cmd_take_entry, &cmd_steal_entry, &cmd_untake_entry, &cmd_assign_entry,
    &cmd_wait_entry, &cmd_reopen_entry, &cmd_note_entry, &cmd_new_entry, &cmd_watch_entry, &cmd_refer_entry, &cmd_merge_entry, &cmd_link_entry, &cmd_set_entry, &cmd_reply_entry, &cmd_outbox_entry, &cmd_stats_entry, &cmd_export_entry, &cmd_status_entry, &cmd_purge_entry, &cmd_doctor_entry, NULL};

/*
 * A command line (words split on spaces, '' for an empty word) and what
 * the command receives: its subcommand or "-", the positionals, then each
 * option given, in the grammar's order, as --flag or --name=value. Or
 * "misuse", or "help".
 */
static const struct {
	const char *line, *want;
} cases[] = {
    {"migrate", "-"},
    {"migrate extra", "misuse"},
    {"migrate -h", "help"},
    {"migrate --help", "help"},

    {"list", "-"},
    {"list --json --status new", "- --status=new --json"},
    {"list --status closed --json", "- --status=closed --json"},
    {"list --status", "misuse"},
    /* madoctl never took --name=value. */
    {"list --status=new", "misuse"},
    {"list --mine --due -i", "- --mine --due -i"},
    {"list --owner carol --category malware --json", "- --owner=carol --category=malware --json"},
    {"list -x", "misuse"},
    {"list extra", "misuse"},
    {"list --bogus", "misuse"},
    {"list -", "misuse"},
    {"list --status -h", "- --status=-h"},

    {"show", "misuse"},
    {"show 2026-000001", "- 2026-000001"},
    {"show --json 2026-000001", "- 2026-000001 --json"},
    {"show 2026-000001 --json", "- 2026-000001 --json"},
    {"show a b", "misuse"},
    {"show -x", "misuse"},
    {"show 2026-000001 --help", "help"},
    /* Help wins over misuse. */
    {"show --bogus --help", "help"},

    {"close", "misuse"},
    {"close 2026-000001", "- 2026-000001"},
    {"close 2026-000001 --resolution answered", "- 2026-000001 --resolution=answered"},
    {"close --note n --resolution answered 2026-000001",
     "- 2026-000001 --resolution=answered --note=n"},
    /* An option's value is a value, even one that looks like help. */
    {"close 2026-000001 --resolution answered --note -h",
     "- 2026-000001 --resolution=answered --note=-h"},
    {"close 2026-000001 --resolution answered --note --help",
     "- 2026-000001 --resolution=answered --note=--help"},
    {"close --note --help", "misuse"},
    {"close 2026-000001 --resolution ''", "- 2026-000001 --resolution="},
    {"close 2026-000001 --resolution", "misuse"},
    {"close 2026-000001 --resolution answered --note", "misuse"},
    {"close --resolution a --resolution b 2026-000001", "- 2026-000001 --resolution=b"},
    {"close - --resolution spam --dry-run", "- - --resolution=spam --dry-run"},
    {"close 2026-000001 --resolution answered --category bec --as aki",
     "- 2026-000001 --resolution=answered --category=bec --as=aki"},
    {"close 2026-000001 --category", "misuse"},

    {"refer", "misuse"},
    {"refer 2026-000001", "misuse"},
    {"refer 2026-000001 ipa_anshin --state made", "- 2026-000001 ipa_anshin --state=made"},
    {"refer 2026-000001..2026-000003 police --state dismissed --note n --dry-run",
     "- 2026-000001..2026-000003 police --state=dismissed --note=n --dry-run"},
    {"refer 2026-000001 ipa_anshin --state", "misuse"},
    {"refer 2026-000001 ipa_anshin --bogus", "misuse"},

    {"merge 2026-000002", "misuse"},
    {"merge 2026-000002 2026-000001 --dry-run", "- 2026-000002 2026-000001 --dry-run"},
    {"merge 2026-000002 2026-000001 2026-000003", "misuse"},
    {"link 2026-000002 2026-000001 --as aki", "- 2026-000002 2026-000001 --as=aki"},
    {"set 2026-000001 --role owner --vendor no", "- 2026-000001 --role=owner --vendor=no"},
    {"set - --source web", "- - --source=web"},
    {"set --source web", "misuse"},

    {"reply", "misuse"},
    {"reply 2026-000001 --answer bec.1 --yes", "- 2026-000001 --answer=bec.1 --yes"},
    {"reply 2026-000001 --file - --close answered --yes",
     "- 2026-000001 --file=- --close=answered --yes"},
    {"reply 2026-000001 2026-000002", "misuse"},
    {"outbox", "-"},
    {"outbox --all --json", "- --all --json"},
    {"outbox retry 3 4", "retry 3 4"},
    {"outbox cancel", "misuse"},
    {"export --requester a@example.jp", "- --requester=a@example.jp"},
    {"export --requester a@example.jp -o out.json --as alice",
     "- --requester=a@example.jp -o=out.json --as=alice"},
    {"export a@example.jp", "misuse"},
    {"status", "-"},
    {"status --json", "- --json"},
    {"status all", "misuse"},
    {"purge --older-than 5y --dry-run", "- --older-than=5y --dry-run"},
    {"purge 5y", "misuse"},
    {"doctor", "-"},
    {"doctor now", "misuse"},
    {"stats", "misuse"},
    {"stats monthly", "monthly"},
    {"stats monthly --month 2026-11 --format json", "monthly --month=2026-11 --format=json"},
    {"stats range --from 2026-04-01 --to 2027-03-31 -o f.csv --encoding cp932",
     "range --from=2026-04-01 --to=2027-03-31 -o=f.csv --encoding=cp932"},
    {"stats monthly 2026-11", "misuse"},
    {"outbox retry 3 --all", "misuse"},

    {"jobs", "-"},
    {"jobs --failed --json", "- --failed --json"},
    {"jobs --json --all", "- --all --json"},
    {"jobs retry 5", "retry 5"},
    {"jobs retry abc", "retry abc"},
    {"jobs retry", "misuse"},
    {"jobs retry 5 6", "misuse"},
    {"jobs --json retry 5", "misuse"},
    {"jobs retry --json 5", "misuse"},
    {"jobs bogus", "misuse"},
    {"jobs --help", "help"},
    {"jobs retry --help", "help"},

    {"quarantine", "misuse"},
    {"quarantine list", "list"},
    {"quarantine list --json --all", "list --all --json"},
    {"quarantine list x", "misuse"},
    {"quarantine show", "misuse"},
    {"quarantine show 3 --raw", "show 3 --raw"},
    {"quarantine show --raw 3", "show 3 --raw"},
    {"quarantine show 3 --json", "misuse"},
    {"quarantine release 3", "release 3"},
    {"quarantine release 3 --note -h", "release 3 --note=-h"},
    {"quarantine release --note x 3", "release 3 --note=x"},
    {"quarantine release 3 --note", "misuse"},
    {"quarantine bogus", "misuse"},
    {"quarantine bogus --help", "help"},
    {"quarantine --help", "help"},

    {"kb", "misuse"},
    {"kb import", "misuse"},
    {"kb import config/kb", "import config/kb"},
    {"kb import a b", "misuse"},
    {"kb export x", "misuse"},
    {"kb import --help", "help"},
    {"kb categories", "categories"},
    {"kb referrals", "referrals"},
    {"kb categories x", "misuse"},

    {"classify", "misuse"},
    {"classify --json", "misuse"},
    {"classify a.eml", "- a.eml"},
    {"classify --json a.eml b.eml c.eml", "- a.eml b.eml c.eml --json"},
    {"classify a.eml --fax --explain b.tif", "- a.eml b.tif --explain --fax"},
    {"classify --bogus a.eml", "misuse"},
    /* A lone "-" is a positional (standard input); "--" and "-x" are not. */
    {"classify -", "- -"},
    {"classify --", "misuse"},
    {"classify -x a.eml", "misuse"},

    {"take", "misuse"},
    {"take 2026-000001 2026-000002..2026-000009 -", "- 2026-000001 2026-000002..2026-000009 -"},
    {"take - --as alice --dry-run", "- - --as=alice --dry-run"},
    {"assign 2026-000001", "misuse"},
    {"assign 2026-000001 carol", "- 2026-000001 carol"},
    {"wait 2026-000001 --until", "misuse"},
    {"wait 2026-000001 --until 2027-01-15", "- 2026-000001 --until=2027-01-15"},
    {"reopen --bogus 2026-000001", "misuse"},
    {"new extra --channel phone", "misuse"},
    {"new --channel phone --requester x -m -", "- --channel=phone --requester=x -m=-"},
    {"note 2026-000001 -m", "misuse"},
    {"note 2026-000001 -m -", "- 2026-000001 -m=-"},
    {"note 2026-000001 -m hello --as alice", "- 2026-000001 -m=hello --as=alice"},
    {"watch", "-"},
    {"watch --status new --urgent --interval 5", "- --status=new --urgent --interval=5"},
    {"watch --mine --as alice --category malware", "- --mine --category=malware --as=alice"},
    {"watch --owner carol", "- --owner=carol"},
    {"watch extra", "misuse"},
    {"watch --interval", "misuse"},
    {"watch --bogus", "misuse"},
    {"watch --help", "help"},

    {"recategorize", "misuse"},
    {"recategorize 2026-000001", "misuse"},
    {"recategorize 2026-000001 fraud.shop", "- 2026-000001 fraud.shop"},
    {"recategorize 2026-000001 2026-000002 fraud.shop", "- 2026-000001 2026-000002 fraud.shop"},
    {"recategorize - spam --dry-run --as aki", "- - spam --as=aki --dry-run"},
    {"split", "misuse"},
    {"split 2026-000001", "misuse"},
    {"split 2026-000001 2", "- 2026-000001 2"},
    {"split 2026-000001 2 3", "misuse"},
    {"split 2026-000001 2 --json", "misuse"},
    {"train", "-"},
    {"train x", "misuse"},

    {"answer", "misuse"},
    {"answer list", "list"},
    {"answer list phishing", "list phishing"},
    {"answer list a b", "misuse"},
    {"answer show", "misuse"},
    {"answer show x", "show x"},
    /* --version anywhere, not only right after the ID. */
    {"answer show x --version 2", "show x --version=2"},
    {"answer show --version 2 x", "show x --version=2"},
    {"answer show x --version 0", "show x --version=0"},
    {"answer show x --version", "misuse"},
    {"answer show x --note n", "misuse"},
    {"answer history x", "history x"},
    {"answer history x y", "misuse"},
    {"answer edit x", "misuse"},
    {"answer edit x f", "edit x f"},
    {"answer edit x f --note n", "edit x f --note=n"},
    {"answer edit x --note n f", "edit x f --note=n"},
    {"answer edit x f --note -h", "edit x f --note=-h"},
    {"answer edit x f --note", "misuse"},
    {"answer add c", "misuse"},
    {"answer add c f", "add c f"},
    {"answer render x 2026-000001", "render x 2026-000001"},
    {"answer render x", "misuse"},
    {"answer bogus", "misuse"},
    {"answer --help", "help"},

    {"ship", "misuse"},
    {"ship bogus", "misuse"},
    {"ship list", "list"},
    {"ship list --json --all", "list --all --json"},
    {"ship list x", "misuse"},
    {"ship list --note x", "misuse"},
    {"ship show", "misuse"},
    {"ship show C --json", "show C --json"},
    {"ship show C --method x", "misuse"},
    {"ship plan C", "plan C"},
    {"ship plan C --method pickup_or_cod --copies 20 --reason r",
     "plan C --method=pickup_or_cod --copies=20 --reason=r"},
    {"ship plan --reason r --copies 20 C", "plan C --copies=20 --reason=r"},
    {"ship plan C --method '' --reason r", "plan C --method= --reason=r"},
    {"ship plan C --reason", "misuse"},
    {"ship advance", "misuse"},
    {"ship advance C", "advance C"},
    {"ship advance C keep", "advance C keep"},
    {"ship advance C keep extra", "misuse"},
    {"ship advance C destination --note FAX", "advance C destination --note=FAX"},
    {"ship advance C --note -h", "advance C --note=-h"},
    {"ship advance C --note --json", "advance C --note=--json"},
    {"ship cancel C", "cancel C"},
    {"ship cancel --reason x C", "cancel C --reason=x"},
    {"ship forms C -o dir", "forms C -o=dir"},
    {"ship forms -o dir C", "forms C -o=dir"},
    {"ship forms C -o", "misuse"},
    {"ship forms C -odir", "misuse"},
    {"ship --help", "help"},
    {"ship plan --help", "help"},
    {"ship bogus --help", "help"},
};

#define MAX_WORDS 16

/* LINE split on spaces into ARGV (pointing into BUF); returns argc. */
static int split(const char *line, char *buf, size_t bufsz, char *argv[MAX_WORDS])
{
	int argc = 0;

	snprintf(buf, bufsz, "%s", line);
	for (char *w = strtok(buf, " "); w != NULL && argc < MAX_WORDS; w = strtok(NULL, " "))
		argv[argc++] = strcmp(w, "''") == 0 ? w + 2 : w;
	return argc;
}

static const struct ctl_command *command(const char *name)
{
	for (int i = 0; commands[i] != NULL; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static const struct ctl_grammar *row_of(const struct ctl_command *cmd, const char *sub)
{
	for (const struct ctl_grammar *g = cmd->args; g->options != NULL; g++)
		if (sub == NULL ? g->sub == NULL : g->sub != NULL && strcmp(g->sub, sub) == 0)
			return g;
	return NULL;
}

/* What the command receives, in the notation of cases[]. */
static void render(const struct ctl_command *cmd, const struct ctl_args *a, char *out, size_t sz)
{
	const struct ctl_grammar *row = row_of(cmd, ctl_args_sub(a));
	char names[512];
	size_t n;

	n = (size_t)snprintf(out, sz, "%s", ctl_args_sub(a) != NULL ? ctl_args_sub(a) : "-");
	for (int k = 0; k < ctl_args_count(a) && n < sz; k++)
		n += (size_t)snprintf(out + n, sz - n, " %s", ctl_args_pos(a, k));
	snprintf(names, sizeof(names), "%s", row != NULL ? row->options : "");
	for (char *w = strtok(names, " "); w != NULL && n < sz; w = strtok(NULL, " ")) {
		size_t len = strlen(w);
		bool takes_value = w[len - 1] == ':';

		w[len - takes_value] = '\0';
		if (!ctl_args_has(a, w))
			continue;
		if (takes_value)
			n += (size_t)snprintf(out + n, sz - n, " %s=%s", w, ctl_args_value(a, w));
		else
			n += (size_t)snprintf(out + n, sz - n, " %s", w);
	}
}

static void check_case(const char *line, const char *want)
{
	char buf[256], got[256];
	char *argv[MAX_WORDS];
	int argc = split(line, buf, sizeof(buf), argv);
	const struct ctl_command *cmd = command(argv[0]);
	struct ctl_args *a = NULL;

	if (cmd == NULL) {
		CHECK(cmd != NULL, "%s: no such command", line);
		return;
	}
	switch (ctl_args_parse(cmd->args, argc, argv, &a)) {
	case CTL_ARGS_OK:
		render(cmd, a, got, sizeof(got));
		break;
	case CTL_ARGS_HELP:
		snprintf(got, sizeof(got), "help");
		break;
	case CTL_ARGS_MISUSE:
		snprintf(got, sizeof(got), "misuse");
		break;
	}
	CHECK(a == NULL || strcmp(got, "help") != 0, "%s: a result with help", line);
	CHECK_STR(got, want, line);
	ctl_args_free(a);
}

/* Parses LINE, which must be valid, into *A (freed by the caller). */
static struct ctl_args *parse_ok(const char *line, char *buf, size_t bufsz, char *argv[MAX_WORDS])
{
	int argc = split(line, buf, bufsz, argv);
	struct ctl_args *a = NULL;

	if (ctl_args_parse(command(argv[0])->args, argc, argv, &a) != CTL_ARGS_OK)
		abort();
	return a;
}

/* Where words stood: classify's file headers and jobs' --failed against --all need it. */
static void check_indexes(void)
{
	char buf[256];
	char *argv[MAX_WORDS];
	struct ctl_args *a;

	a = parse_ok("classify a.eml --json b.eml", buf, sizeof(buf), argv);
	CHECK(ctl_args_pos_index(a, 0) == 1 && ctl_args_pos_index(a, 1) == 3,
	      "classify: files at %d and %d", ctl_args_pos_index(a, 0), ctl_args_pos_index(a, 1));
	CHECK(ctl_args_pos_index(a, 2) == 0 && ctl_args_pos(a, 2) == NULL, "past the last file");
	ctl_args_free(a);
	a = parse_ok("classify --explain a.eml", buf, sizeof(buf), argv);
	CHECK(ctl_args_pos_index(a, 0) == 2, "classify: file at %d", ctl_args_pos_index(a, 0));
	ctl_args_free(a);
	a = parse_ok("jobs --failed --json --all", buf, sizeof(buf), argv);
	CHECK(ctl_args_index(a, "--failed") == 1 && ctl_args_index(a, "--all") == 3,
	      "jobs: --failed at %d, --all at %d", ctl_args_index(a, "--failed"),
	      ctl_args_index(a, "--all"));
	CHECK(ctl_args_index(a, "--note") == 0 && !ctl_args_has(a, "--note") &&
		  ctl_args_value(a, "--note") == NULL,
	      "an option outside the grammar is never given");
	ctl_args_free(a);
	a = parse_ok("ship plan C --reason r --reason s", buf, sizeof(buf), argv);
	CHECK(ctl_args_index(a, "--reason") == 5, "the last --reason at %d",
	      ctl_args_index(a, "--reason"));
	ctl_args_free(a);
}

/*
 * Every row of every command: at most one row without a subcommand, no
 * subcommand twice, and the whole option template read (an unknown option
 * is looked for through all of it, which stops on a template too long).
 */
static void check_tables(void)
{
	for (int i = 0; commands[i] != NULL; i++) {
		const struct ctl_command *cmd = commands[i];
		int plain = 0;

		CHECK(cmd->args != NULL && cmd->args[0].options != NULL, "%s: no grammar", cmd->name);
		for (const struct ctl_grammar *g = cmd->args; g != NULL && g->options != NULL; g++) {
			char *argv[3] = {(char *)cmd->name, (char *)(g->sub != NULL ? g->sub : "--x"),
					 (char *)"--x"};
			struct ctl_args *a = NULL;

			plain += g->sub == NULL;
			CHECK(row_of(cmd, g->sub) == g, "%s %s: a subcommand twice", cmd->name,
			      g->sub != NULL ? g->sub : "");
			CHECK(g->lower >= 0 && (g->upper == -1 || g->upper >= g->lower),
			      "%s %s: bounds %d..%d", cmd->name, g->sub != NULL ? g->sub : "", g->lower,
			      g->upper);
			CHECK(ctl_args_parse(cmd->args, g->sub != NULL ? 3 : 2, argv, &a) ==
				      CTL_ARGS_MISUSE,
			      "%s %s: --x accepted", cmd->name, g->sub != NULL ? g->sub : "");
			ctl_args_free(a);
		}
		CHECK(plain <= 1, "%s: %d rows without a subcommand", cmd->name, plain);
	}
}

int main(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(cases[i].line, cases[i].want);
	check_indexes();
	check_tables();
	return check_done();
}
