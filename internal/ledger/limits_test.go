package ledger

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jiangninglu/showcase/internal/config"
)

// bomb is a valid-looking .xlsx whose sheet1.xml is a deflate stream of
// size zero bytes; claim is the size its zip header gives.
func bomb(t *testing.T, size int64, claim uint64) []byte {
	t.Helper()
	good := officeLedger(t, false)
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
		io.CopyN(fw, zeros{}, size)
		fw.Close()
		w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, CompressedSize64: uint64(comp.Len()), UncompressedSize64: claim})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(comp.Bytes())
	}
	zw.Close()
	return out.Bytes()
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// readBounded reads data as a ledger and returns the problems' text, the
// time taken and the bytes allocated.
func readBounded(t *testing.T, data []byte, lim Limits) (string, time.Duration, uint64) {
	t.Helper()
	cfg, _ := config.Parse([]byte("metrics:\n  - {key: participants, label: 参与人次}\n"))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, probs := Read(bytes.NewReader(data), int64(len(data)), cfg, Options{Name: "台账.xlsx", Limits: lim})
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	return format(probs), took, after.TotalAlloc - before.TotalAlloc
}

func TestZipBomb(t *testing.T) {
	// A sheet that says it unzips to 4 GiB: refused from the header.
	data := bomb(t, 1<<20, 4<<30)
	got, took, alloc := readBounded(t, data, Limits{})
	if !strings.Contains(got, "台账.xlsx: 工作簿解压后超过") || took > 2*time.Second || alloc > 64<<20 {
		t.Errorf("claimed 4 GiB: %q in %v, %d MiB allocated", got, took, alloc>>20)
	}
	// A sheet that claims 1 KiB and unzips to 256 MiB: archive/zip stops
	// at the claim, so little is read and the sheet is broken, not huge.
	data = bomb(t, 256<<20, 1024)
	t.Logf("lying bomb: %d KiB", len(data)>>10)
	got, took, alloc = readBounded(t, data, Limits{})
	if took > 5*time.Second || alloc > 64<<20 {
		t.Errorf("lying bomb: %q in %v, %d MiB allocated", got, took, alloc>>20)
	}
	if !strings.Contains(got, "台账.xlsx") {
		t.Errorf("lying bomb read without a problem: %q", got)
	}
	t.Logf("lying bomb: %v, %d MiB allocated: %s", took, alloc>>20, got)
}

func TestLimits(t *testing.T) {
	sheet := func(fill func(f *excelize.File)) []byte {
		f := excelize.NewFile()
		defer f.Close()
		f.SetCellValue("Sheet1", "A1", "标题")
		f.SetCellValue("Sheet1", "B1", "参与人次")
		fill(f)
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	tests := []struct {
		name string
		data []byte
		lim  Limits
		want string
	}{
		{"far row", sheet(func(f *excelize.File) { f.SetCellValue("Sheet1", "A1000000", "x") }), Limits{},
			"台账.xlsx:Sheet1!A20001: 工作表超过 20000 行；台账最多读取这么多行\n"},
		{"long cell", sheet(func(f *excelize.File) { f.SetCellValue("Sheet1", "A2", strings.Repeat("长", 5000)) }), Limits{},
			"台账.xlsx:Sheet1!A2: 单元格有 5000 个字符；最多读取 4000 个\n"},
		{"wide", sheet(func(f *excelize.File) { f.SetCellValue("Sheet1", "ZZ2", 1) }), Limits{},
			"台账.xlsx:Sheet1!IW2: 工作表超过 256 列\n"},
		{"big file", sheet(func(*excelize.File) {}), Limits{File: 100, Unzipped: 1 << 20, XML: 1 << 20, Entries: 10, Rows: 10, Cols: 10, Cell: 10, Sheets: 1},
			"台账.xlsx: 文件有 5 KiB；台账最大 100 B\n"},
		{"xls", append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 512)...), Limits{},
			"台账.xlsx: 这是旧版二进制 Excel 文件（.xls 或 .et）；请用 Excel 或 WPS 打开，另存为 .xlsx\n"},
		{"not zip", []byte("序号,标题\n1,a\n"), Limits{},
			"台账.xlsx: 不是 .xlsx 工作簿（不是 zip 压缩包）；请把台账另存为 .xlsx\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, took, _ := readBounded(t, tt.data, tt.lim)
			if got != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
			if took > 2*time.Second {
				t.Errorf("took %v", took)
			}
		})
	}
}
