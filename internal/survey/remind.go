package survey

import "time"

// ReminderDays are the days before a survey's deadline on which the scheduled reminder
// tells the municipalities that have not submitted a response yet: two weeks ahead, a
// week ahead and the day before.
var ReminderDays = []int{14, 7, 1}

// DueStep is the reminder step due on day today (a date in Estonia) for a survey whose
// deadline is deadline (YYYY-MM-DD): the nearest of steps the days left have reached.
// Steps passed while no reminder ran are not sent late: one reminder a step at most, and
// only the latest. None is due past the deadline or more than the largest step ahead.
func DueStep(deadline string, today time.Time, steps []int) (int, bool) {
	due, err := time.Parse(time.DateOnly, deadline)
	if err != nil {
		return 0, false
	}
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	left := int(due.Sub(day).Hours() / 24)
	if left < 0 {
		return 0, false
	}
	step, ok := 0, false
	for _, d := range steps {
		if left <= d && (!ok || d < step) {
			step, ok = d, true
		}
	}
	return step, ok
}
