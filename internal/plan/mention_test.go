package plan

import (
	"slices"
	"testing"
)

func TestMentioned(t *testing.T) {
	people := []Person{
		{1, "Mari Maasikas", "mari@tartu.ee"},
		{2, "Mari", "mari.k@elva.ee"},
		{3, "Jaan Tamm", "jaan@tartu.ee"},
		{4, "Jaan Tamm", "jaan.tamm@elva.ee"}, // a namesake
		{5, "Õie Ülle", "oie@voru.ee"},
	}
	for _, c := range []struct {
		body string
		want []int64
	}{
		{"Nothing to see here.", nil},
		{"@Mari Maasikas, palun vaata üle.", []int64{1}},
		{"@mari maasikas ja @Mari: kohtume.", []int64{1, 2}},
		{"Küsi @Mari Maasikaselt.", []int64{2}},      // Mari Maasikas is followed by a letter; Mari is not
		{"Kirjuta mari@tartu.ee aadressil.", nil},    // an e-mail address in the text
		{"Vastutab @Jaan Tamm.", nil},                // two Jaan Tamms: neither
		{"Vastutab @jaan.tamm@elva.ee.", []int64{4}}, // the address picks one
		{"@Õie Ülle @Õie Ülle @mari@tartu.ee", []int64{5, 1}},
		{"@", nil},
		{"Küsi @Marilt.", nil},
		{"@@Mari", []int64{2}},
	} {
		if got := Mentioned(c.body, people); !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.body, got, c.want)
		}
	}
}
