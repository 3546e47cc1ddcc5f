// Reads HBase's location znodes through go-zookeeper (the library gohbase uses) and prints one
// JSON line per step, so the bun test can compare them. It decodes the znode data the way gohbase
// does: 0xFF envelope, id length within [1, 65000], "PBUF", then the protobuf fields it needs.
package main

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/go-zookeeper/zk"
)

type serverName struct {
	Host      string `json:"host"`
	Port      uint64 `json:"port"`
	StartCode uint64 `json:"startCode"`
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "go-zk:", err)
	os.Exit(1)
}

func emit(v map[string]any) {
	out, _ := json.Marshal(v)
	fmt.Println(string(out))
}

// unwrap strips the HBase envelope exactly as gohbase's zk.LocateResource checks it.
func unwrap(data []byte) ([]byte, error) {
	if len(data) == 0 {
		return nil, errors.New("empty znode data")
	}
	if data[0] != 0xFF {
		return nil, fmt.Errorf("first byte is %#x, not 0xFF", data[0])
	}
	idLen := binary.BigEndian.Uint32(data[1:5])
	if idLen < 1 || idLen > 65000 {
		return nil, fmt.Errorf("id length %d out of range", idLen)
	}
	rest := data[5+idLen:]
	if string(rest[:4]) != "PBUF" {
		return nil, errors.New("missing PBUF magic")
	}
	return rest[4:], nil
}

// fields decodes a protobuf message one level deep: varints and length-delimited fields.
func fields(b []byte) (map[int]uint64, map[int][]byte, error) {
	ints, bytes := map[int]uint64{}, map[int][]byte{}
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, nil, errors.New("bad tag")
		}
		b = b[n:]
		field, wire := int(key>>3), key&7
		switch wire {
		case 0:
			v, m := binary.Uvarint(b)
			if m <= 0 {
				return nil, nil, errors.New("bad varint")
			}
			ints[field], b = v, b[m:]
		case 2:
			l, m := binary.Uvarint(b)
			if m <= 0 || int(l) > len(b)-m {
				return nil, nil, errors.New("bad length")
			}
			bytes[field], b = b[m:m+int(l)], b[m+int(l):]
		default:
			return nil, nil, fmt.Errorf("unexpected wire type %d", wire)
		}
	}
	return ints, bytes, nil
}

func decodeServer(msg []byte) (serverName, uint64, error) {
	ints, bytes, err := fields(msg)
	if err != nil {
		return serverName{}, 0, err
	}
	sIntsRaw, sBytes, err := fields(bytes[1])
	if err != nil {
		return serverName{}, 0, err
	}
	if _, ok := sIntsRaw[2]; !ok {
		return serverName{}, 0, errors.New("ServerName.port missing (gohbase would crash)")
	}
	return serverName{string(sBytes[1]), sIntsRaw[2], sIntsRaw[3]}, ints[3], nil
}

func main() {
	if len(os.Args) < 3 {
		fail(errors.New("usage: go-zk <host:port> <root>"))
	}
	conn, _, err := zk.Connect([]string{os.Args[1]}, 30*time.Second, zk.WithLogInfo(false))
	if err != nil {
		fail(err)
	}
	defer conn.Close()
	root := os.Args[2]
	children, stat, err := conn.Children(root)
	if err != nil {
		fail(err)
	}
	sort.Strings(children)
	emit(map[string]any{"step": "children", "children": strings.Join(children, ","), "numChildren": stat.NumChildren})
	for _, name := range []string{"meta-region-server", "master"} {
		data, _, err := conn.Get(root + "/" + name)
		if err != nil {
			fail(err)
		}
		msg, err := unwrap(data)
		if err != nil {
			fail(err)
		}
		server, third, err := decodeServer(msg)
		if err != nil {
			fail(err)
		}
		emit(map[string]any{"step": name, "server": server, "field3": third})
	}
	ok, _, err := conn.Exists(root + "/nope")
	if err != nil {
		fail(err)
	}
	_, _, err = conn.Get(root + "/nope")
	emit(map[string]any{"step": "missing", "exists": ok, "noNode": errors.Is(err, zk.ErrNoNode)})
	path, err := conn.Create("/go-zk", []byte("v1"), zk.FlagEphemeral, zk.WorldACL(zk.PermAll))
	if err != nil {
		fail(err)
	}
	_, _, watch, err := conn.GetW(path)
	if err != nil {
		fail(err)
	}
	if _, err := conn.Set(path, []byte("v2"), -1); err != nil {
		fail(err)
	}
	ev := <-watch
	_, err = conn.Set(path, []byte("v3"), 7)
	emit(map[string]any{"step": "write", "path": path, "event": ev.Type.String(), "badVersion": errors.Is(err, zk.ErrBadVersion)})
}
