/*
 * refit.c - fit, store, apply and re-derive (see refit.h).
 */
#include "refit.h"

#include <string.h>

#include "fitlog.h"

/* The quality of the weights the scheduler uses now, unless they are the defaults. */
static enum lp_code score_in_use(const struct app *a, const struct revlog *log,
                                 struct opt_metrics *m, struct lp_err *err)
{
    double w[OPT_NW], def[OPT_NW];
    memset(m, 0, sizeof *m);
    opt_default_weights(def);
    if (!a->cfg.has_params || memcmp(a->cfg.params, def, sizeof def) == 0)
        return LP_OK;
    memcpy(w, a->cfg.params, sizeof w);
    opt_clip(w);
    struct opt_data *d = opt_data_new(log, err);
    if (!d)
        return LP_ENOMEM;
    *m = opt_evaluate(d, w, 0, opt_data_items(d));
    opt_data_free(d);
    return LP_OK;
}

enum lp_code refit_run(struct app *a, const struct opt_config *c, struct opt_result *r,
                       struct opt_metrics *in_use, struct lp_err *err)
{
    struct revlog log;
    revlog_init(&log);
    enum lp_code rc = fitlog_read_reviews(a->st, NULL, &log, err);
    if (rc == LP_OK)
        rc = opt_fit(&log, c, r, err);
    if (rc == LP_OK)
        rc = score_in_use(a, &log, in_use, err);
    revlog_free(&log);
    return rc;
}

/* config.yaml's own params, if it sets them (a->cfg may hold an applied fit's). */
static int config_pins_params(const struct app *a)
{
    struct config c;
    config_defaults(&c);
    return config_load(a->paths.config, &c, NULL) == LP_OK && c.has_params;
}

enum lp_code refit_store(struct app *a, const struct opt_result *r, int apply,
                         struct refit_applied *out, struct lp_err *err)
{
    struct fitlog_fit f = {0};
    memset(out, 0, sizeof *out);
    f.time = a->now;
    memcpy(f.w, r->w, sizeof f.w);
    f.reviews = r->reviews;
    f.logloss_before = r->all_before.logloss;
    f.logloss_after = r->all_after.logloss;
    f.rmse_before = r->all_before.rmse;
    f.rmse_after = r->all_after.rmse;
    enum lp_code rc = fitlog_save(a->st, &f, err);
    if (rc != LP_OK)
        return rc;
    out->fit_id = f.id;
    if (!apply)
        return LP_OK;
    struct config next = a->cfg;
    out->pinned = config_pins_params(a);
    if (!out->pinned) {
        memcpy(next.params, r->w, sizeof next.params);
        next.has_params = 1;
    }
    rc = rederive_all(a->st, &next, a->now, f.id, &out->rd, err);
    if (rc != LP_OK)
        return rc;
    out->active = 1;
    a->cfg = next;
    return LP_OK;
}
