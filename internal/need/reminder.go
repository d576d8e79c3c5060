package need

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// ReminderDays are the days before a round's deadline on which the editors of
// municipalities that have submitted nothing are reminded by e-mail.
var ReminderDays = []int{7, 1}

// Reminders sends a round's deadline reminders. Its parts are functions so the module
// stays free of mail and storage: internal/jobs joins them to the real ones.
type Reminders struct {
	Needs Store
	// Editors returns the e-mail addresses of the active editors of the municipalities.
	Editors func(ctx context.Context, ehak []string) ([]string, error)
	// Send delivers one message to one address.
	Send func(ctx context.Context, to, subject, text string) error
	// Sent and MarkSent keep which automatic reminders have gone, by key, so a restart
	// does not send them again.
	Sent     func(ctx context.Context, key string) (bool, error)
	MarkSent func(ctx context.Context, key string) error
	BaseURL  string
	Now      func() time.Time
}

// SendNow reminds the editors of every municipality without a submitted need in the
// round, one message per address so no editor sees another's address, and returns how
// many messages went.
func (rm Reminders) SendNow(ctx context.Context, roundID int64) (int, error) {
	d, err := rm.Needs.Dashboard(ctx, roundID)
	if err != nil {
		return 0, err
	}
	if !d.Round.Open {
		return 0, kovit.Errorf(kovit.EConflict, "needui.error.round_closed")
	}
	if len(d.Missing) == 0 {
		return 0, nil
	}
	to, err := rm.Editors(ctx, d.Missing)
	if err != nil {
		return 0, err
	}
	subject, text := ReminderText(d.Round, strings.TrimRight(rm.BaseURL, "/"))
	for i, addr := range to {
		if err := rm.Send(ctx, addr, subject, text); err != nil {
			return i, err
		}
	}
	return len(to), nil
}

// SendDue sends the automatic reminders that are due today for every open round, once
// per round and day mark; a mark missed while the server was down is sent late rather
// than never, and one message covers every mark due at once.
func (rm Reminders) SendDue(ctx context.Context) error {
	rounds, err := rm.Needs.ListRounds(ctx)
	if err != nil {
		return err
	}
	today := rm.Now().In(kovit.Estonia).Format(time.DateOnly)
	for _, r := range rounds {
		left, ok := DaysLeft(r.Deadline, today)
		if !r.Open || !ok || left < 0 {
			continue
		}
		var due []string
		for _, mark := range ReminderDays {
			key := ReminderKey(r.ID, mark)
			if left > mark {
				continue
			}
			sent, err := rm.Sent(ctx, key)
			if err != nil {
				return err
			}
			if !sent {
				due = append(due, key)
			}
		}
		if len(due) == 0 {
			continue
		}
		if _, err := rm.SendNow(ctx, r.ID); err != nil {
			return fmt.Errorf("reminders of round %d: %w", r.ID, err)
		}
		for _, key := range due {
			if err := rm.MarkSent(ctx, key); err != nil {
				return err
			}
		}
	}
	return nil
}

// ReminderKey names the record of a round's reminder at a day mark.
func ReminderKey(roundID int64, days int) string {
	return "need_reminder:" + strconv.FormatInt(roundID, 10) + ":" + strconv.Itoa(days)
}

// DaysLeft counts the days from today to the deadline, both YYYY-MM-DD.
func DaysLeft(deadline, today string) (int, bool) {
	d, err1 := time.Parse(time.DateOnly, deadline)
	t, err2 := time.Parse(time.DateOnly, today)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return int(d.Sub(t).Hours() / 24), true
}

// ReminderText is the reminder's subject and text: Estonian first, English below.
func ReminderText(r Round, baseURL string) (subject, text string) {
	et, en := r.Deadline, r.Deadline
	if d, err := time.Parse(time.DateOnly, r.Deadline); err == nil {
		et, en = d.Format("02.01.2006"), d.Format("2 January 2006")
	}
	link := baseURL + "/needs/new?round=" + strconv.FormatInt(r.ID, 10)
	subject = fmt.Sprintf("Meeldetuletus: %s – tähtaeg %s / Reminder: deadline %s", r.Title, et, en)
	text = fmt.Sprintf(`Tere!

Kogumisvooru „%[1]s“ tähtaeg on %[2]s. Teie omavalitsus ei ole selles voorus veel ühtegi
IT-arenduse vajadust esitanud. Vajaduse saate lisada ja esitada siin:
%[4]s

Kui teil sel korral vajadusi ei ole, võite selle kirja tähelepanuta jätta.

---

Hello,

The deadline of the collection round "%[1]s" is %[3]s. Your municipality has not yet
submitted any ICT development need in this round. You can add and submit one here:
%[4]s

If you have no needs this time, you may ignore this message.

kovit
`, r.Title, et, en, link)
	return subject, text
}
