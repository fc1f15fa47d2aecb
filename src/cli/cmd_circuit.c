/* zkcave circuit compile | witness | info: the circom and snarkjs commands a
 * user already knows, on zkcave's own compiler. */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "circuit/circom.h"
#include "circuit/circom_search.h"
#include "circuit/r1cs_io.h"
#include "cli/cli.h"
#include "core/core.h"
#include "core/text.h"

extern const cli_cmd cli_cmd_circuit_witness;

/* The options compile and witness share: the level, include directories
 * and the limits past which compiling stops. */
typedef struct circuit_opts {
    const char *out;
    int level;
    cli_list inc;
    uint64_t max_constraints, max_steps;
} circuit_opts;

static void circuit_init(void *opts)
{
    ((circuit_opts *)opts)->level = 1;
}

#define LEVEL_OPT(name, value, help) \
    {name, NULL, CLI_SET, NULL, offsetof(circuit_opts, level), value, 0, 0, help, NULL, NULL}
#define CIRCUIT_SHARED_OPTS \
    LEVEL_OPT("--O0", 0, "keep every constraint"), \
    LEVEL_OPT("--O1", 1, "drop signal = signal and signal = constant constraints\n(the default)"), \
    LEVEL_OPT("--O2", 2, "drop every linear constraint"), \
    {"-l", NULL, CLI_LIST, "DIR", offsetof(circuit_opts, inc), .help = \
     "look includes up in DIR too (may repeat)"}, \
    {"--max-constraints", NULL, CLI_U64, "N", offsetof(circuit_opts, max_constraints), 1, \
     UINT64_MAX, 0, "constraints, signals, component instances and values\n" \
     "held in variables, each (terms: 16 N); the default is\n" \
     "a quarter of this machine's memory", NULL, NULL}, \
    {"--max-steps", NULL, CLI_U64, "N", offsetof(circuit_opts, max_steps), 1, UINT64_MAX, 0, \
     "statements run (and a step for every 64 terms added\n" \
     "up), plus 256 for each constraint or signal made", NULL, NULL}

static const cli_opt compile_opts_table[] = {
    {"-o", NULL, CLI_STR, "DIR", offsetof(circuit_opts, out), .help =
     "where F.r1cs, F.sym and F.zkwc go (default .)"},
    CIRCUIT_SHARED_OPTS,
};

static const cli_opt witness_opts_table[] = {CIRCUIT_SHARED_OPTS};

/* What compiling leaves to the options and where they stop it. */
static void circuit_notes(FILE *out)
{
    fprintf(out, "\n"
            "Includes are looked up next to the including file, in each -l DIR, in\n"
            "$ZKCAVE_CIRCUITS, in circuits/ beside the zkcave program and in ./circuits.\n"
            "Past a limit compiling stops with an error (exit 2); here --max-constraints\n"
            "defaults to %llu and --max-steps to %llu.\n",
            (unsigned long long)circom_default_max_constraints(),
            (unsigned long long)CIRCOM_DEFAULT_STEPS);
}

/* Include directories: -l options, then the default search path
 * (circuit/circom_search.h), the one the lessons use too. */
typedef struct incdirs {
    const char *dir[40];
    size_t n;
    circom_search defaults;
} incdirs;

static void add_defaults(incdirs *d)
{
    circom_search_default(&d->defaults);
    for (size_t i = 0; i < d->defaults.n && d->n < 40; i++)
        d->dir[d->n++] = d->defaults.dir[i];
}

/* The options into o, -l's directories into inc (then the defaults). */
static void circuit_options(circom_options *o, incdirs *inc, const circuit_opts *co)
{
    o->max_constraints = co->max_constraints;
    o->max_steps = co->max_steps;
    o->opt_level = co->level;
    for (size_t i = 0; i < co->inc.n; i++)
        inc->dir[inc->n++] = co->inc.v[i];
    add_defaults(inc);
    o->include_dirs = inc->dir;
    o->n_include_dirs = inc->n;
}

static void print_stats(const circom_circuit *c)
{
    const r1cs *s = &c->sys;
    printf("template instances: %u\n", c->n_instances);
    printf("non-linear constraints: %zu\n", c->n_nonlinear);
    printf("linear constraints: %zu\n", c->n_linear);
    printf("public inputs: %u\n", s->n_pub_in);
    /* circom's wording: declared private inputs, and those left as wires. */
    if (c->n_prv_in_declared == s->n_prv_in)
        printf("private inputs: %u\n", s->n_prv_in);
    else
        printf("private inputs: %u (%u belong to witness)\n", c->n_prv_in_declared, s->n_prv_in);
    printf("public outputs: %u\n", s->n_pub_out);
    printf("wires: %u\n", s->n_wires);
    printf("labels: %llu\n", (unsigned long long)s->n_labels);
}

/* "dir/base.ext" for the base name of path without its extension. */
static void out_path(char *buf, size_t n, const char *dir, const char *src, const char *ext)
{
    const char *base = strrchr(src, '/');
    base = base ? base + 1 : src;
    const char *dot = strrchr(base, '.');
    int len = dot ? (int)(dot - base) : (int)strlen(base);
    snprintf(buf, n, "%s/%.*s%s", dir, len, base, ext);
}

/* The compiler's diagnostics and one line for err. A file that could not
 * be read (core/file.h recorded it) is that line alone, with the path and
 * the system's reason; so are unusable inputs, with the inputs' path. */
static int report(const circom_circuit *c, zk_err err, const char *what, const char *path,
                  const char *inputs)
{
    if (err && zk_file_which(err, NULL))
        return cli_file_error(what, false, path, err, NULL);
    if (err == ZK_EINVAL && inputs && c->input_error)
        return cli_error(CLI_USAGE, "%s: %s: %s", what, inputs, cli_text(c->input_error));
    /* Source lines and input keys, as the files had them: escaped. */
    if (c->diagnostics && *c->diagnostics)
        zk_text_write(stderr, c->diagnostics, true);
    if (!err)
        return CLI_OK;
    if (err == ZK_EVERIFY)
        return cli_error(CLI_FAIL, "%s: the inputs do not satisfy the circuit", what);
    if (err == ZK_EPARSE)
        return cli_error(CLI_USAGE, "%s failed: the program has errors (see above)", what);
    if (err == ZK_EOVERFLOW && c->error)
        return cli_error(CLI_USAGE, "%s stopped: the program went past a limit (see above)", what);
    if (c->error)
        return cli_error(CLI_USAGE, "%s failed: %s", what, err == ZK_EINVAL ? "unusable inputs" : zk_strerror(err));
    return cli_error(CLI_USAGE, "%s failed: %s", what, zk_strerror(err));
}

static int run_compile(void *opts, const cli_args *a)
{
    const circuit_opts *co = opts;
    const char *src = a->pos[0], *dir = co->out ? co->out : ".";
    incdirs inc = {.n = 0};
    circom_options o = {0};
    circuit_options(&o, &inc, co);
    circom_circuit c;
    zk_err err = circom_compile_file(&c, src, &o);
    int rc = report(&c, err, "circuit compile", src, NULL);
    if (rc) {
        circom_circuit_free(&c);
        return rc;
    }
    /* The directory is made only for a circuit that compiled; the three
     * files then appear together, none of them over the source. */
    char r1cs_path[4096], sym_path[4096], wc_path[4096];
    out_path(r1cs_path, sizeof r1cs_path, dir, src, ".r1cs");
    out_path(sym_path, sizeof sym_path, dir, src, ".sym");
    out_path(wc_path, sizeof wc_path, dir, src, ".zkwc");
    const zk_file_arg files[] = {{"source", src, false}, {"constraint system", r1cs_path, true},
                                 {"symbol table", sym_path, true},
                                 {"witness calculator", wc_path, true}};
    struct stat st;
    if (stat(dir, &st) != 0 && mkdir(dir, 0777) != 0)
        rc = cli_file_error("circuit compile", true, dir, zk_file_fail(dir, true, errno, ZK_EIO),
                            NULL);
    if (!rc && !(rc = cli_outputs_begin("circuit compile", files, 4))) {
        if ((err = r1cs_write_file(&c.sys, r1cs_path)) ||
            (err = zk_file_write_atomic(sym_path, c.sym, strlen(c.sym))) ||
            (err = circom_bundle_write(&c, wc_path)))
            rc = cli_file_error("circuit compile", true, dir, err, NULL);
        if (!(rc = cli_outputs_end("circuit compile", rc))) {
            print_stats(&c);
            printf("written: %s\nwritten: %s\nwritten: %s\n", r1cs_path, sym_path, wc_path);
        }
    }
    circom_circuit_free(&c);
    return rc;
}

/* The one .zkwc file in dir, into buf. */
static int find_bundle(const char *dir, char *buf, size_t n)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int found = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".zkwc") == 0) {
            found++;
            snprintf(buf, n, "%s/%s", dir, e->d_name);
        }
    }
    closedir(d);
    return found;
}

static int run_witness(void *opts, const cli_args *a)
{
    const circuit_opts *co = opts;
    char *const *pos = a->pos;
    bool level_given = cli_given(&cli_cmd_circuit_witness, a, "--O0") ||
                       cli_given(&cli_cmd_circuit_witness, a, "--O1") ||
                       cli_given(&cli_cmd_circuit_witness, a, "--O2");
    incdirs inc = {.n = 0};
    circom_options o = {0};
    /* input.json holds the private inputs: read and freed wiped. */
    char *json;
    size_t len;
    zk_err err = zk_file_read_secret(pos[1], (size_t)1 << 30, &json, &len);
    if (err)
        return cli_file_error("circuit witness", false, pos[1], err, NULL);
    size_t plen = strlen(pos[0]);
    bool source = plen > 7 && strcmp(pos[0] + plen - 7, ".circom") == 0;
    char bundle[4096];
    struct stat st;
    int rc = CLI_OK;
    if (!source && stat(pos[0], &st) == 0 && S_ISDIR(st.st_mode)) {
        int found = find_bundle(pos[0], bundle, sizeof bundle);
        if (found != 1)
            rc = cli_error(CLI_USAGE, "circuit witness: %s holds %s .zkwc file; name one", pos[0],
                           found ? "more than one" : "no");
    } else {
        snprintf(bundle, sizeof bundle, "%s", pos[0]);
    }
    const zk_file_arg files[] = {{"circuit", bundle, false}, {"inputs", pos[1], false},
                                 {"witness", pos[2], true}};
    if (rc || (rc = cli_outputs_begin("circuit witness", files, 3))) {
        zk_file_free_secret(json, len);
        return rc;
    }
    circom_circuit c;
    circuit_options(&o, &inc, co);
    if (source) {
        o.inputs_json = (const char *)json;
        o.log = stderr;
        err = circom_compile_file(&c, pos[0], &o);
    } else {
        if (level_given)
            fprintf(stderr, "zkcave: the level recorded at compile time is used for %s\n", bundle);
        o.log = stderr;
        err = circom_witness_from_bundle(&c, bundle, (const char *)json, &o);
        if (err == ZK_EFORMAT || (err == ZK_EIO && !zk_file_which(err, NULL))) {
            zk_file_free_secret(json, len);
            circom_circuit_free(&c);
            return cli_outputs_end("circuit witness",
                cli_error(CLI_USAGE, "circuit witness: %s is not a witness calculator written by "
                          "'zkcave circuit compile' for this circuit (%s)", bundle, zk_strerror(err)));
        }
    }
    zk_file_free_secret(json, len);
    rc = report(&c, err, "circuit witness", bundle, pos[1]);
    if (rc == CLI_OK && (err = wtns_write_file(pos[2], c.witness, c.sys.n_wires)))
        rc = cli_file_error("circuit witness", true, pos[2], err, NULL);
    if (!(rc = cli_outputs_end("circuit witness", rc)))
        printf("witness: %u values, every constraint holds\nwritten: %s\n", c.sys.n_wires, pos[2]);
    circom_circuit_free(&c);
    return rc;
}

static int run_info(void *opts, const cli_args *a)
{
    (void)opts;
    char *const *argv = a->pos;
    r1cs s;
    zk_err err = r1cs_read_file(&s, argv[0]);
    if (err) {
        r1cs_free(&s);
        return cli_file_error("circuit info", false, argv[0], err, NULL);
    }
    size_t nl, lin;
    r1cs_count(&s, &nl, &lin);
    printf("curve: bn128 (BN254 scalar field)\n");
    printf("constraints: %zu (%zu non-linear, %zu linear)\n", s.n_rows, nl, lin);
    printf("wires: %u\n", s.n_wires);
    printf("public inputs: %u\n", s.n_pub_in);
    printf("private inputs: %u\n", s.n_prv_in);
    printf("outputs: %u\n", s.n_pub_out);
    printf("labels: %llu\n", (unsigned long long)s.n_labels);
    r1cs_free(&s);
    return CLI_OK;
}

const cli_cmd cli_cmd_circuit_compile = {
    CLI_CMD("circuit compile", "F.circom", 1, 1, run_compile, compile_opts_table, circuit_opts),
    .init = circuit_init,
    .summary = "writes DIR/F.r1cs, DIR/F.sym and DIR/F.zkwc (the witness calculator)",
};

const cli_cmd cli_cmd_circuit_witness = {
    CLI_CMD("circuit witness", "DIR|F.zkwc|F.circom input.json out.wtns", 3, 3, run_witness,
            witness_opts_table, circuit_opts),
    .init = circuit_init,
    .summary = "computes the witness from circom's input.json (decimal strings or\n"
               "numbers, nested arrays); a broken constraint names the component",
};

const cli_cmd cli_cmd_circuit_info = {
    .name = "circuit info", .args = "F.r1cs", .min_pos = 1, .max_pos = 1, .run = run_info,
    .summary = "constraints, wires, public and private inputs, outputs",
};

const cli_group cli_group_circuit = {
    .name = "circuit",
    .summary = "Circom to R1CS, witnesses",
    .notes = circuit_notes,
};
