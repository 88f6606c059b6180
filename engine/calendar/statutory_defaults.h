// The statutory figures Concordia starts from, in one place. Each is a
// default that a consortium's statute may override (the statute carries its
// own DeadlineRule values); the article each comes from is cited.
//
// Thread-safety: constants and pure functions.
//
// Example:
//   const DeadlineRule notice = defaults::OrdinaryNotice();
#ifndef CONCORDIA_ENGINE_CALENDAR_STATUTORY_DEFAULTS_H_
#define CONCORDIA_ENGINE_CALENDAR_STATUTORY_DEFAULTS_H_

#include "engine/calendar/calendar.h"

namespace concordia::calendar::defaults {

// Publication on the albo pretorio online: 15 consecutive days
// (TUEL art. 124 c.1; L. 69/2009 art. 32 for the online albo).
inline constexpr int kAlboDays = 15;
// Executivity: after the tenth day of publication (TUEL art. 134 c.3).
inline constexpr int kExecutivityDays = 10;
// Annulment of an act granting economic benefits: within 12 months
// (L. 241/1990 art. 21-nonies).
inline constexpr int kAnnulmentMonths = 12;
// Transparency publication: 5 years from 1 January of the following year
// (D.Lgs. 33/2013 art. 8 c.3).
inline constexpr int kTransparencyYears = 5;

// Ordinary session: 5 days' notice, the day of delivery not counted
// (typical statute clause).
DeadlineRule OrdinaryNotice();
// Extraordinary session: 3 days' notice.
DeadlineRule ExtraordinaryNotice();
// Urgent session or items added later: 24 hours.
DeadlineRule UrgentNotice();
// Withdrawal of a party: 6 months' notice, effective the next 1 January
// (typical accord / statute clause).
DeadlineRule WithdrawalNotice();

}  // namespace concordia::calendar::defaults

#endif  // CONCORDIA_ENGINE_CALENDAR_STATUTORY_DEFAULTS_H_
