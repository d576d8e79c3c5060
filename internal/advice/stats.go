package advice

import (
	"cmp"
	"slices"

	"kovit/internal/kovit"
)

// Stat is how the association answered the questions of one topic asked in one year.
type Stat struct {
	Year     int   `json:"year"`
	Topic    Topic `json:"topic"`
	Asked    int   `json:"asked"`
	Answered int   `json:"answered"`
	// Median is the median working days to a first answer, nil before any answer.
	Median *float64 `json:"median_days"`
	// OnTime counts the answers within their topic's target; Share is OnTime/Answered.
	OnTime int      `json:"on_time"`
	Share  *float64 `json:"share_on_time"`
}

// Statistics groups qs by the year they were asked and their topic, newest year first,
// topics in Topics order; a year's row with Topic "" sums up its topics.
func (c *Calendar) Statistics(qs []Inquiry) []Stat {
	type key struct {
		year  int
		topic Topic
	}
	days := map[key][]int{}
	stats := map[key]*Stat{}
	var keys []key
	for _, q := range qs {
		y := q.AskedAt.In(kovit.Estonia).Year()
		d, answered := c.AnswerDays(q)
		for _, k := range []key{{y, q.Topic}, {y, ""}} {
			s, ok := stats[k]
			if !ok {
				s = &Stat{Year: k.year, Topic: k.topic}
				stats[k] = s
				keys = append(keys, k)
			}
			s.Asked++
			if answered {
				s.Answered++
				days[k] = append(days[k], d)
				if d <= q.Topic.Target() {
					s.OnTime++
				}
			}
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.year != b.year {
			return cmp.Compare(b.year, a.year)
		}
		return cmp.Compare(topicRank(a.topic), topicRank(b.topic))
	})
	out := make([]Stat, 0, len(keys))
	for _, k := range keys {
		s := *stats[k]
		if s.Answered > 0 {
			m := Median(days[k])
			share := float64(s.OnTime) / float64(s.Answered)
			s.Median, s.Share = &m, &share
		}
		out = append(out, s)
	}
	return out
}

// topicRank puts a year's sum ("") last, after its topics.
func topicRank(t Topic) int {
	if i := slices.Index(Topics, t); i >= 0 {
		return i
	}
	return len(Topics)
}

// Median of ds, the mean of the middle two for an even count.
func Median(ds []int) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return float64(s[n/2-1]+s[n/2]) / 2
}
