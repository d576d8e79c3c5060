package plan

import "time"

// Participation is a municipality's part in a joint activity with what its page shows of
// the activity and the strategy, read at once for every activity it takes part in.
type Participation struct {
	Participant
	StrategyID      int64          `json:"strategy_id"`
	StrategyTitleEt string         `json:"strategy_title_et"`
	StrategyTitleEn string         `json:"strategy_title_en"`
	StrategyStatus  StrategyStatus `json:"strategy_status"`
	Statuses        Statuses       `json:"-"`
	ActivityCode    string         `json:"activity_code"`
	ActivityTitleEt string         `json:"activity_title_et"`
	ActivityTitleEn string         `json:"activity_title_en"`
	ActivityStatus  string         `json:"activity_status"`
}

// Overdue reports how many days the part is late at now, and whether it is: not when
// it, or its activity, is done or cancelled, the same rule as NeedsAttention, nor in an
// archived strategy, which no longer needs attention.
func (p Participation) Overdue(now time.Time) (int, bool) {
	closed := func(key string) bool {
		s, ok := p.Statuses.Find(key)
		return ok && (s.Done || s.Cancelled)
	}
	act, _ := p.Statuses.Find(p.ActivityStatus)
	if p.StrategyStatus == Archived || act.Cancelled || closed(p.Status) || !IsOverdue(p.Due, now) {
		return 0, false
	}
	return daysBetween(*p.Due, now), true
}

// Title is the activity's title in lang, and whether the English one stands in.
func (p Participation) Title(lang string) (string, bool) {
	return pick(lang, p.ActivityTitleEt, p.ActivityTitleEn)
}
