// Throughput of gohbase against a server: puts, then gets, of 100-byte values over `ops` distinct
// rows split among `callers` goroutines sharing one client. Prints one JSON line:
// {"callers":N,"putsPerSec":..,"getsPerSec":..}. Usage: gohbase-bench <quorum> <callers> <ops>
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/tsuna/gohbase"
	"github.com/tsuna/gohbase/hrpc"
)

func phase(callers, ops int, op func(i int) error) float64 {
	var wg sync.WaitGroup
	var once sync.Once
	start := time.Now()
	for w := 0; w < callers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < ops; i += callers {
				if err := op(i); err != nil {
					once.Do(func() { fmt.Fprintln(os.Stderr, err); os.Exit(1) })
				}
			}
		}(w)
	}
	wg.Wait()
	return float64(ops) / time.Since(start).Seconds()
}

func main() {
	quorum := os.Args[1]
	callers, _ := strconv.Atoi(os.Args[2])
	ops, _ := strconv.Atoi(os.Args[3])
	table := fmt.Sprintf("gobench_%d", time.Now().UnixNano())
	ac := gohbase.NewAdminClient(quorum)
	if err := ac.CreateTable(hrpc.NewCreateTable(context.Background(), []byte(table), map[string]map[string]string{"cf": nil})); err != nil {
		panic(err)
	}
	// RpcQueueSize(1): send each call at once instead of batching for up to FlushInterval (20 ms).
	c := gohbase.NewClient(quorum, gohbase.RpcQueueSize(1))
	defer c.Close()
	value := map[string]map[string][]byte{"cf": {"q": make([]byte, 100)}}
	put := func(prefix string) func(int) error {
		return func(i int) error {
			p, err := hrpc.NewPutStr(context.Background(), table, fmt.Sprintf("%s%08d", prefix, i), value)
			if err == nil {
				_, err = c.Put(p)
			}
			return err
		}
	}
	phase(callers, min(ops, 200), put("w"))
	puts := phase(callers, ops, put("r"))
	gets := phase(callers, ops, func(i int) error {
		g, err := hrpc.NewGetStr(context.Background(), table, fmt.Sprintf("r%08d", i))
		if err != nil {
			return err
		}
		r, err := c.Get(g)
		if err == nil && len(r.Cells) != 1 {
			err = fmt.Errorf("missing row %d", i)
		}
		return err
	})
	_ = ac.DisableTable(hrpc.NewDisableTable(context.Background(), []byte(table)))
	_ = ac.DeleteTable(hrpc.NewDeleteTable(context.Background(), []byte(table)))
	out, _ := json.Marshal(map[string]any{"callers": callers, "putsPerSec": int(puts), "getsPerSec": int(gets)})
	fmt.Println(string(out))
}
