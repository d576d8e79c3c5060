package kovit

import (
	"encoding/json"
	"testing"
)

func TestMoney(t *testing.T) {
	tests := []struct {
		in   string
		want Money
		ok   bool
	}{
		{"1234.5", 123450, true}, {"1 234,56", 123456, true}, {"0", 0, true}, {"-3.10", -310, true},
		{"1.234", 0, false}, {"", 0, false}, {"12.", 0, false}, {"1e3", 0, false}, {"€5", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseMoney(%q) = %v, %v", tt.in, got, err)
		}
	}
	var v struct{ B *Money }
	if err := json.Unmarshal([]byte(`{"B": 19.99}`), &v); err != nil || *v.B != 1999 {
		t.Fatalf("unmarshal %v %v", v.B, err)
	}
	if b, _ := json.Marshal(v); string(b) != `{"B":19.99}` {
		t.Errorf("marshal %s", b)
	}
	if Money(-5).String() != "-0.05" {
		t.Errorf("negative %s", Money(-5))
	}
}
