/*
 * config.c - read config.yaml strictly with libyaml's document API.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "sched.h"

void config_defaults(struct config *c)
{
    memset(c, 0, sizeof *c);
    c->retention = 0.90;
    c->max_interval = 36500;
    c->learn_steps[0] = 60;
    c->learn_steps[1] = 600;
    c->n_learn = 2;
    c->relearn_steps[0] = 600;
    c->n_relearn = 1;
    c->new_per_day = 10;
    c->reviews_per_day = 200;
    c->rollover_hour = 4;
    c->fuzz = 1;
    c->leech_threshold = 8;
    c->mock_minutes = 45;
    c->interview_mode = 0;
    c->interview_retention = 0.95;
}

struct cfg_ctx {
    yaml_document_t *doc;
    const char *path;
    struct lp_err *err;
};

static enum lp_code bad(struct cfg_ctx *x, yaml_node_t *n, const char *what)
{
    return err_set(x->err, LP_EPARSE, "%s:%lu:%lu: %s", x->path,
                   (unsigned long)n->start_mark.line + 1, (unsigned long)n->start_mark.column + 1,
                   what);
}

static const char *scalar(yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static enum lp_code get_num(struct cfg_ctx *x, yaml_node_t *n, double lo, double hi, double *out,
                            const char *what)
{
    const char *s = scalar(n);
    char *end;
    if (!s || !*s)
        return bad(x, n, what);
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !isfinite(v) || v < lo || v > hi)
        return bad(x, n, what);
    *out = v;
    return LP_OK;
}

static enum lp_code get_int(struct cfg_ctx *x, yaml_node_t *n, int lo, int hi, int *out,
                            const char *what)
{
    double v;
    if (get_num(x, n, lo, hi, &v, what) != LP_OK || v != floor(v))
        return bad(x, n, what);
    *out = (int)v;
    return LP_OK;
}

static enum lp_code get_steps(struct cfg_ctx *x, yaml_node_t *n, int *steps, int *count)
{
    const char *what = "expected steps like \"1m 10m\" (s, m, h or d; at most 10)";
    char buf[512] = "";
    if (n->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top;
             i++) {
            const char *s = scalar(yaml_document_get_node(x->doc, *i));
            if (!s || strlen(buf) + strlen(s) + 2 > sizeof buf)
                return bad(x, n, what);
            strcat(strcat(buf, s), " ");
        }
    } else if (scalar(n) && strlen(scalar(n)) < sizeof buf) {
        strcpy(buf, scalar(n));
    } else {
        return bad(x, n, what);
    }
    if (sched_parse_steps(buf, steps, count, NULL) != LP_OK)
        return bad(x, n, what);
    return LP_OK;
}

static enum lp_code get_bool(struct cfg_ctx *x, yaml_node_t *n, int *out)
{
    const char *s = scalar(n);
    if (s && (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on")))
        *out = 1;
    else if (s && (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "off")))
        *out = 0;
    else
        return bad(x, n, "expected true or false");
    return LP_OK;
}

static enum lp_code get_params(struct cfg_ctx *x, yaml_node_t *n, struct config *c)
{
    const char *what = "expected a list of the 21 FSRS-6 parameters";
    if (n->type != YAML_SEQUENCE_NODE)
        return bad(x, n, what);
    yaml_node_item_t *i = n->data.sequence.items.start;
    if (n->data.sequence.items.top - i != 21)
        return bad(x, n, what);
    for (int k = 0; k < 21; k++, i++)
        if (get_num(x, yaml_document_get_node(x->doc, *i), -100, 100, &c->params[k], what))
            return x->err ? x->err->code : LP_EPARSE;
    c->has_params = 1;
    return LP_OK;
}

static enum lp_code set_key(struct cfg_ctx *x, const char *k, yaml_node_t *v, struct config *c)
{
    if (!strcmp(k, "retention"))
        return get_num(x, v, 0.70, 0.99, &c->retention, "retention must be between 0.70 and 0.99");
    if (!strcmp(k, "max_interval"))
        return get_int(x, v, 1, 36500, &c->max_interval, "max_interval must be 1-36500 days");
    if (!strcmp(k, "learning_steps"))
        return get_steps(x, v, c->learn_steps, &c->n_learn);
    if (!strcmp(k, "relearning_steps"))
        return get_steps(x, v, c->relearn_steps, &c->n_relearn);
    if (!strcmp(k, "new_per_day"))
        return get_int(x, v, 0, 9999, &c->new_per_day, "new_per_day must be 0-9999");
    if (!strcmp(k, "reviews_per_day"))
        return get_int(x, v, 0, 99999, &c->reviews_per_day, "reviews_per_day must be 0-99999");
    if (!strcmp(k, "rollover_hour"))
        return get_int(x, v, 0, 23, &c->rollover_hour, "rollover_hour must be 0-23");
    if (!strcmp(k, "fuzz"))
        return get_bool(x, v, &c->fuzz);
    if (!strcmp(k, "leech_threshold"))
        return get_int(x, v, 1, 999, &c->leech_threshold, "leech_threshold must be 1-999");
    if (!strcmp(k, "params"))
        return get_params(x, v, c);
    if (!strcmp(k, "mock_minutes"))
        return get_int(x, v, 1, 600, &c->mock_minutes, "mock_minutes must be 1-600");
    if (!strcmp(k, "interview_mode"))
        return get_bool(x, v, &c->interview_mode);
    if (!strcmp(k, "interview_retention"))
        return get_num(x, v, 0.70, 0.99, &c->interview_retention,
                       "interview_retention must be between 0.70 and 0.99");
    return LP_ENOTFOUND;
}

static enum lp_code walk(struct cfg_ctx *x, yaml_node_t *root, struct config *c)
{
    if (!root)
        return LP_OK; /* empty file: defaults */
    if (root->type != YAML_MAPPING_NODE)
        return bad(x, root, "expected a mapping of settings");
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(x->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(x->doc, p->value);
        const char *name = scalar(k);
        enum lp_code rc = name ? set_key(x, name, v, c) : LP_ENOTFOUND;
        if (rc == LP_ENOTFOUND) {
            char msg[360];
            snprintf(msg, sizeof msg,
                     "unknown setting '%.40s' (known: retention, max_interval, learning_steps, "
                     "relearning_steps, new_per_day, reviews_per_day, rollover_hour, fuzz, "
                     "leech_threshold, params, mock_minutes, interview_mode, "
                     "interview_retention)",
                     name ? name : "?");
            return bad(x, k, msg);
        }
        if (rc != LP_OK)
            return rc;
    }
    return LP_OK;
}

enum lp_code config_load(const char *path, struct config *c, struct lp_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? LP_OK : err_set(err, LP_EIO, "%s: %s", path, strerror(errno));
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    enum lp_code rc;
    if (!yaml_parser_load(&parser, &doc)) {
        rc = err_set(err, LP_EPARSE, "%s:%lu:%lu: YAML syntax error: %s", path,
                     (unsigned long)parser.problem_mark.line + 1,
                     (unsigned long)parser.problem_mark.column + 1,
                     parser.problem ? parser.problem : "unreadable");
    } else {
        struct config tmp = *c;
        struct cfg_ctx x = {&doc, path, err};
        rc = walk(&x, yaml_document_get_root_node(&doc), &tmp);
        if (rc == LP_OK)
            *c = tmp;
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&parser);
    fclose(f);
    return rc;
}
