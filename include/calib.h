/*
 * calib.h - calibration of the memory model: does the recall it predicts match
 * the recall the learner shows?
 *
 * Each observation is one answer to a card in review: the model's predicted
 * chance of recall at that moment, and whether the card was recalled (graded
 * Hard or better).  Observations are binned by predicted recall into CALIB_BINS
 * bins of 5 points ([0, 0.05), [0.05, 0.10), ..., [0.95, 1]); per bin the mean
 * prediction is set against the share actually recalled.  A calibrated model has
 * the two equal in every bin.  The summary figure is the calibration error:
 * the root of the review-weighted mean squared difference between the two over
 * the bins (as RMSE(bins) in optimize.h, with bins by prediction).
 *
 * The text rows are shared by `labprep fsrs calibration`, the weekly review
 * screen and its Markdown, so they look alike everywhere: a bar over 0-100%
 * where "█" runs to the lower of predicted and actual and the gap between them
 * is "░" when fewer were recalled than predicted, "▓" when more.
 *
 * Pure: nothing here allocates or fails; the writers print only to the FILE
 * they are given.
 */
#ifndef LP_CALIB_H
#define LP_CALIB_H

#include <stddef.h>
#include <stdio.h>

#define CALIB_BINS 20
#define CALIB_BAR 30 /* columns of a bar: 100% */

struct calib_bin {
    long n;          /* answers */
    long passed;     /* of which recalled */
    double pred_sum; /* sum of predicted recall */
};

struct calib {
    struct calib_bin bin[CALIB_BINS];
    long n, passed;
    double pred_sum;
};

void calib_init(struct calib *c);

/* Add one answer: predicted recall (clamped to [0, 1]) and its outcome. */
void calib_add(struct calib *c, double predicted, int recalled);

/* The bin a prediction falls in, 0 .. CALIB_BINS - 1. */
int calib_bin_of(double predicted);

/* Mean prediction and share recalled of a bin or of all; NAN when empty. */
double calib_predicted(const struct calib_bin *b);
double calib_actual(const struct calib_bin *b);
double calib_mean_predicted(const struct calib *c);
double calib_mean_actual(const struct calib *c);

/* The calibration error over the bins (0 is perfect); NAN with no answers. */
double calib_error(const struct calib *c);

/* The bar described above for predicted p and actual a, `width` columns, into buf. */
void calib_bar(double p, double a, int width, char *buf, size_t size);

/* One line for bin i, e.g. " 85-90%      412    87.6%    86.2%  ██████...░"; the
 * header and legend lines to go with them.  buf gets "" for an empty bin. */
void calib_row(const struct calib *c, int i, char *buf, size_t size);
const char *calib_header(void);
const char *calib_legend(void);

/* The chart as text: header, one row per non-empty bin, legend, each line
 * starting with indent.  Nothing for no answers.  For files and stdout. */
void calib_write_text(const struct calib *c, const char *indent, FILE *f);

/* {"answers":N,"recalled":N,"predicted":x,"actual":x,"error":x,"bins":[{"from":
 * 0.85,"to":0.9,"answers":N,"recalled":N,"predicted":x,"actual":x},...]}, the
 * empty bins left out; null for undefined figures. */
void calib_write_json(const struct calib *c, FILE *f);

#endif
