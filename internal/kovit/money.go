package kovit

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in euro cents: budgets are added up and compared, which floats would
// get wrong by a cent.
type Money int64

// String writes the amount with two decimals and a point, e.g. 1234.50.
func (m Money) String() string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%d.%02d", sign, m/100, m%100)
}

// ParseMoney reads an amount in euros with at most two decimals, written with a decimal
// point or, as Estonian spreadsheets do, a decimal comma; spaces between thousands are ignored.
func ParseMoney(s string) (Money, error) {
	t := strings.NewReplacer(" ", "", "\u00a0", "", ",", ".").Replace(strings.TrimSpace(s))
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	whole, frac, hasFrac := strings.Cut(t, ".")
	if whole == "" || len(frac) > 2 || (hasFrac && frac == "") || len(whole) > 13 {
		return 0, fmt.Errorf("kovit: amount %q", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	euros, err := strconv.ParseUint(whole, 10, 63)
	if err != nil {
		return 0, fmt.Errorf("kovit: amount %q", s)
	}
	cents, err := strconv.ParseUint(frac, 10, 8)
	if err != nil {
		return 0, fmt.Errorf("kovit: amount %q", s)
	}
	m := Money(euros*100 + cents)
	if neg {
		m = -m
	}
	return m, nil
}

// MarshalJSON writes the amount as a JSON number of euros, e.g. 1234.50, as people read it.
func (m Money) MarshalJSON() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalJSON reads a JSON number or string of euros exactly, without passing through a float.
func (m *Money) UnmarshalJSON(b []byte) error {
	v, err := ParseMoney(strings.Trim(string(b), `"`))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
