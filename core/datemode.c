/*
 * datemode.c - the date-aware interval rule shared by the scheduler and the
 * simulator (see datemode.h).
 */
#include "datemode.h"

#include <math.h>
#include <string.h>

int datemode_interval(const struct fsrs_grad_w *k, double s, int ivl, double target, int32_t day,
                      int32_t interview)
{
    if (!(target > 0) || day >= interview || (int64_t)day + ivl < interview)
        return ivl;
    if (fsrs_grad_retrievability(k, interview - day, s) >= target)
        return ivl;
    /* Rounded down: R at the new due day is still >= target. */
    double t = fsrs_grad_interval(k, s, target);
    int near = t >= 1 ? (t < ivl ? (int)floor(t) : ivl) : 1;
    return near < ivl ? near : ivl;
}

int datemode_covers(const char *section)
{
    static const char *const oral[] = {"mathematics", "statistics", "computer-science",
                                       "machine-learning"};
    for (size_t i = 0; section && i < sizeof oral / sizeof oral[0]; i++)
        if (strcmp(section, oral[i]) == 0)
            return 1;
    return 0;
}
