// Conformance scenario for Shale with gohbase (github.com/tsuna/gohbase), the pure-Go HBase
// client: pre-split table through the admin client, put/get, forward, reversed and filtered
// scans, deletes, increment, append, checkAndPut, checkAndMutate, batches and admin operations.
// Usage: gohbase-scenario <zookeeper quorum host:port>. Prints "PASS <check>" or
// "FAIL <check>: <reason>" per check and ends with "N passed, M failed"; exit 1 on any failure.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/tsuna/gohbase"
	"github.com/tsuna/gohbase/filter"
	"github.com/tsuna/gohbase/hrpc"
	"github.com/tsuna/gohbase/pb"
)

var passed, failed int

func check(name string, f func() error) {
	if err := f(); err != nil {
		failed++
		fmt.Printf("FAIL %s: %s\n", name, strings.ReplaceAll(err.Error(), "\n", " "))
		return
	}
	passed++
	fmt.Printf("PASS %s\n", name)
}

func expect(ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return fmt.Errorf(format, args...)
}

func ctx() context.Context {
	c, _ := context.WithTimeout(context.Background(), 30*time.Second) //nolint:govet // process-lived
	return c
}

func scanRows(c gohbase.Client, s *hrpc.Scan) ([]string, error) {
	sc := c.Scan(s)
	defer sc.Close()
	var rows []string
	for {
		r, err := sc.Next()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		if len(r.Cells) > 0 {
			row := string(r.Cells[0].Row)
			if len(rows) == 0 || rows[len(rows)-1] != row {
				rows = append(rows, row)
			}
		}
	}
}

func value(c gohbase.Client, table, row, family, qualifier string) ([]byte, error) {
	g, err := hrpc.NewGetStr(ctx(), table, row)
	if err != nil {
		return nil, err
	}
	r, err := c.Get(g)
	if err != nil {
		return nil, err
	}
	for _, cell := range r.Cells {
		if string(cell.Family) == family && string(cell.Qualifier) == qualifier {
			return cell.Value, nil
		}
	}
	return nil, nil
}

func put(c gohbase.Client, table, row string, values map[string]map[string][]byte, opts ...func(hrpc.Call) error) error {
	p, err := hrpc.NewPutStr(ctx(), table, row, values, opts...)
	if err != nil {
		return err
	}
	_, err = c.Put(p)
	return err
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gohbase-scenario <quorum>")
		os.Exit(2)
	}
	quorum := os.Args[1]
	ac := gohbase.NewAdminClient(quorum)
	c := gohbase.NewClient(quorum)
	defer c.Close()
	table := fmt.Sprintf("gohbase_conf_%d", time.Now().UnixNano())
	v := func(s string) map[string]map[string][]byte { return map[string]map[string][]byte{"cf": {"q": []byte(s)}} }

	check("createTable pre-split", func() error {
		ct := hrpc.NewCreateTable(ctx(), []byte(table), map[string]map[string]string{"cf": {"VERSIONS": "3"}, "cf2": nil},
			hrpc.SplitKeys([][]byte{[]byte("g"), []byte("p")}))
		return ac.CreateTable(ct)
	})
	check("put/get", func() error {
		if err := put(c, table, "a1", v("v1")); err != nil {
			return err
		}
		got, err := value(c, table, "a1", "cf", "q")
		if err != nil {
			return err
		}
		return expect(string(got) == "v1", "got %q", got)
	})
	check("get missing row", func() error {
		g, _ := hrpc.NewGetStr(ctx(), table, "zz-missing")
		r, err := c.Get(g)
		if err != nil {
			return err
		}
		return expect(len(r.Cells) == 0, "%d cells", len(r.Cells))
	})
	check("puts across regions + scan forward", func() error {
		for i := 0; i < 26; i++ {
			row := fmt.Sprintf("%crow", 'a'+i)
			vals := map[string]map[string][]byte{"cf": {"q": []byte(fmt.Sprint("v", i))}, "cf2": {"x": []byte("y")}}
			if err := put(c, table, row, vals); err != nil {
				return err
			}
		}
		s, _ := hrpc.NewScanRangeStr(ctx(), table, "b", "y", hrpc.NumberOfRows(4))
		rows, err := scanRows(c, s)
		if err != nil {
			return err
		}
		return expect(len(rows) == 23 && rows[0] == "brow" && rows[22] == "xrow", "rows %v", rows)
	})
	check("scan reversed", func() error {
		s, _ := hrpc.NewScanRangeStr(ctx(), table, "r", "d", hrpc.Reversed())
		rows, err := scanRows(c, s)
		if err != nil {
			return err
		}
		return expect(len(rows) == 14 && rows[0] == "qrow" && rows[13] == "drow", "rows %v", rows)
	})
	check("scan with filters", func() error {
		s, _ := hrpc.NewScanStr(ctx(), table, hrpc.Filters(filter.NewPrefixFilter([]byte("m"))))
		rows, err := scanRows(c, s)
		if err != nil {
			return err
		}
		if err := expect(len(rows) == 1 && rows[0] == "mrow", "prefix rows %v", rows); err != nil {
			return err
		}
		vf := filter.NewSingleColumnValueFilter([]byte("cf"), []byte("q"), filter.Equal,
			filter.NewBinaryComparator(filter.NewByteArrayComparable([]byte("v7"))), true, true)
		s, _ = hrpc.NewScanStr(ctx(), table, hrpc.Filters(vf))
		rows, err = scanRows(c, s)
		if err != nil {
			return err
		}
		return expect(len(rows) == 1 && rows[0] == "hrow", "value filter rows %v", rows)
	})
	check("scan families", func() error {
		s, _ := hrpc.NewScanRangeStr(ctx(), table, "c", "d", hrpc.Families(map[string][]string{"cf2": nil}))
		sc := c.Scan(s)
		defer sc.Close()
		r, err := sc.Next()
		if err != nil {
			return err
		}
		return expect(len(r.Cells) == 1 && string(r.Cells[0].Family) == "cf2", "cells %v", r.Cells)
	})
	check("versions", func() error {
		for ts := uint64(1); ts <= 4; ts++ {
			if err := put(c, table, "ver", v(fmt.Sprint("v", ts)), hrpc.TimestampUint64(ts)); err != nil {
				return err
			}
		}
		g, _ := hrpc.NewGetStr(ctx(), table, "ver", hrpc.MaxVersions(10))
		r, err := c.Get(g)
		if err != nil {
			return err
		}
		return expect(len(r.Cells) == 3 && string(r.Cells[0].Value) == "v4", "%d cells", len(r.Cells))
	})
	check("delete kinds", func() error {
		if err := put(c, table, "del", map[string]map[string][]byte{"cf": {"a": []byte("1"), "b": []byte("2")}, "cf2": {"c": []byte("3")}}); err != nil {
			return err
		}
		d, _ := hrpc.NewDelStr(ctx(), table, "del", map[string]map[string][]byte{"cf": {"a": nil}})
		if _, err := c.Delete(d); err != nil {
			return err
		}
		if got, err := value(c, table, "del", "cf", "a"); err != nil || got != nil {
			return fmt.Errorf("column not deleted: %q %v", got, err)
		}
		d, _ = hrpc.NewDelStr(ctx(), table, "del", map[string]map[string][]byte{"cf": nil})
		if _, err := c.Delete(d); err != nil {
			return err
		}
		if got, err := value(c, table, "del", "cf", "b"); err != nil || got != nil {
			return fmt.Errorf("family not deleted: %q %v", got, err)
		}
		if got, err := value(c, table, "del", "cf2", "c"); err != nil || string(got) != "3" {
			return fmt.Errorf("other family lost: %q %v", got, err)
		}
		d, _ = hrpc.NewDelStr(ctx(), table, "del", nil)
		if _, err := c.Delete(d); err != nil {
			return err
		}
		g, _ := hrpc.NewGetStr(ctx(), table, "del")
		r, err := c.Get(g)
		if err != nil {
			return err
		}
		return expect(len(r.Cells) == 0, "row not deleted")
	})
	check("increment", func() error {
		inc, _ := hrpc.NewIncStrSingle(ctx(), table, "cnt", "cf", "n", 5)
		n, err := c.Increment(inc)
		if err != nil || n != 5 {
			return fmt.Errorf("first %d %v", n, err)
		}
		inc, _ = hrpc.NewIncStrSingle(ctx(), table, "cnt", "cf", "n", 10)
		n, err = c.Increment(inc)
		return expect(err == nil && n == 15, "second %d %v", n, err)
	})
	check("append", func() error {
		for _, s := range []string{"ab", "cd"} {
			a, _ := hrpc.NewAppStr(ctx(), table, "app", v(s))
			if _, err := c.Append(a); err != nil {
				return err
			}
		}
		got, err := value(c, table, "app", "cf", "q")
		return expect(err == nil && string(got) == "abcd", "%q %v", got, err)
	})
	check("checkAndPut", func() error {
		p, _ := hrpc.NewPutStr(ctx(), table, "cap", v("1"))
		ok, err := c.CheckAndPut(p, "cf", "q", nil)
		if err != nil || !ok {
			return fmt.Errorf("put if absent: %v %v", ok, err)
		}
		p, _ = hrpc.NewPutStr(ctx(), table, "cap", v("2"))
		ok, err = c.CheckAndPut(p, "cf", "q", nil)
		if err != nil || ok {
			return fmt.Errorf("second put if absent: %v %v", ok, err)
		}
		p, _ = hrpc.NewPutStr(ctx(), table, "cap", v("3"))
		ok, err = c.CheckAndPut(p, "cf", "q", []byte("1"))
		if err != nil || !ok {
			return fmt.Errorf("if equals: %v %v", ok, err)
		}
		got, err := value(c, table, "cap", "cf", "q")
		return expect(err == nil && string(got) == "3", "%q %v", got, err)
	})
	check("checkAndMutate", func() error {
		if err := put(c, table, "cam", v("x")); err != nil {
			return err
		}
		cmp := filter.NewBinaryComparator(filter.NewByteArrayComparable([]byte("x")))
		d, _ := hrpc.NewDelStr(ctx(), table, "cam", map[string]map[string][]byte{"cf": {"q": nil}})
		cam, err := hrpc.NewCheckAndMutate(d, "cf", "q", pb.CompareType_EQUAL, cmp)
		if err != nil {
			return err
		}
		ok, err := c.CheckAndMutate(cam)
		if err != nil || !ok {
			return fmt.Errorf("applied: %v %v", ok, err)
		}
		p, _ := hrpc.NewPutStr(ctx(), table, "cam", map[string]map[string][]byte{"cf": {"r": []byte("y")}})
		cam, _ = hrpc.NewCheckAndMutate(p, "cf", "q", pb.CompareType_EQUAL, cmp)
		ok, err = c.CheckAndMutate(cam)
		if err != nil || ok {
			return fmt.Errorf("applied on a missing cell: %v %v", ok, err)
		}
		q, _ := value(c, table, "cam", "cf", "q")
		r, _ := value(c, table, "cam", "cf", "r")
		return expect(q == nil && r == nil, "q=%q r=%q", q, r)
	})
	check("batch of puts and gets", func() error {
		var calls []hrpc.Call
		for i := 0; i < 50; i++ {
			p, _ := hrpc.NewPutStr(ctx(), table, fmt.Sprintf("bat%02d", i), v(fmt.Sprint(i)))
			calls = append(calls, p)
		}
		res, ok := c.SendBatch(ctx(), calls)
		if !ok {
			for _, r := range res {
				if r.Error != nil {
					return r.Error
				}
			}
		}
		calls = calls[:0]
		for i := 0; i < 50; i++ {
			g, _ := hrpc.NewGetStr(ctx(), table, fmt.Sprintf("bat%02d", i))
			calls = append(calls, g)
		}
		res, ok = c.SendBatch(ctx(), calls)
		if !ok {
			return fmt.Errorf("batch gets failed")
		}
		for i, r := range res {
			gr, isGet := r.Msg.(*pb.GetResponse)
			if r.Error != nil || !isGet || len(gr.GetResult().GetCell()) != 1 || string(gr.GetResult().GetCell()[0].GetValue()) != fmt.Sprint(i) {
				return fmt.Errorf("get %d: %v %v", i, r.Error, r.Msg)
			}
		}
		return nil
	})
	check("list table names", func() error {
		ln, _ := hrpc.NewListTableNames(ctx(), hrpc.ListRegex("gohbase_conf_.*"))
		names, err := ac.ListTableNames(ln)
		if err != nil {
			return err
		}
		for _, n := range names {
			if string(n.Qualifier) == table {
				return nil
			}
		}
		return fmt.Errorf("%s not listed", table)
	})
	check("cluster status", func() error {
		st, err := ac.ClusterStatus()
		if err != nil {
			return err
		}
		return expect(len(st.LiveServers) == 1, "%d live servers", len(st.LiveServers))
	})
	check("set balancer", func() error {
		sb, _ := hrpc.NewSetBalancer(ctx(), false)
		prev, err := ac.SetBalancer(sb)
		if err != nil {
			return err
		}
		sb, _ = hrpc.NewSetBalancer(ctx(), true)
		off, err := ac.SetBalancer(sb)
		return expect(err == nil && prev && !off, "prev=%v then=%v %v", prev, off, err)
	})
	check("disable, enable, delete table", func() error {
		if err := ac.DisableTable(hrpc.NewDisableTable(ctx(), []byte(table))); err != nil {
			return err
		}
		short, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		g, _ := hrpc.NewGetStr(short, table, "a1")
		if _, err := c.Get(g); err == nil {
			return fmt.Errorf("get on a disabled table succeeded")
		}
		if err := ac.EnableTable(hrpc.NewEnableTable(ctx(), []byte(table))); err != nil {
			return err
		}
		c2 := gohbase.NewClient(quorum)
		defer c2.Close()
		got, err := value(c2, table, "a1", "cf", "q")
		if err != nil || !bytes.Equal(got, []byte("v1")) {
			return fmt.Errorf("after enable: %q %v", got, err)
		}
		if err := ac.DisableTable(hrpc.NewDisableTable(ctx(), []byte(table))); err != nil {
			return err
		}
		return ac.DeleteTable(hrpc.NewDeleteTable(ctx(), []byte(table)))
	})
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
