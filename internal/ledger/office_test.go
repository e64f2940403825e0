package ledger

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// updateFixtures rewrites the synthetic ledgers the CLI's testscripts use:
//
//	go test ./internal/ledger -run TestFixtures -update-fixtures
var updateFixtures = flag.Bool("update-fixtures", false, "rewrite cmd/showcase/testdata/ledgers/*.xlsx")

// officeLedger writes a ledger the way a subdistrict office writes one:
// a title row and a note row merged across the table, a two-row header
// (资金（万元） merged over 街道资助 | 自筹, the other headers merged down),
// numbers stored as text with separators and full-width digits, 万元, a
// 居民区 merged down over two projects, a 合计 row with a formula (whose
// cached sum is off by one), a sheet of programme figures (指标/数值) and
// a sheet of notes. bad puts "约100" in E7.
func officeLedger(t testing.TB, bad bool) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	const s = "2020"
	must(f.SetSheetName("Sheet1", s))
	set := func(cell string, v any) { must(f.SetCellValue(s, cell, v)) }
	set("A1", "江宁路街道2020年度社区微项目台账")
	must(f.MergeCell(s, "A1", "I1"))
	set("A2", "填报单位：江宁路街道办事处　　填报日期：2020年12月31日")
	must(f.MergeCell(s, "A2", "I2"))
	for i, h := range []string{"序号", "项目名称", "居民区", "网址名", "参与人次", "受益户数（户）"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		below, _ := excelize.CoordinatesToCellName(i+1, 4)
		set(cell, h)
		must(f.MergeCell(s, cell, below))
	}
	set("G3", "资金（万元）")
	must(f.MergeCell(s, "G3", "H3"))
	set("G4", "街道资助")
	set("H4", "自筹")
	set("I3", "备注")
	must(f.MergeCell(s, "I3", "I4"))

	rows := [][]any{
		{1, "「高跟鞋」", "北京居民区", "high-heels", "1,024", "５６", 1.13, 0.5, "居商共建"},
		{2, `社区工作者是刷"脸"的`, "向容里居民区", "", 300, "", "2", 0.3, ""},
		{3, "老字号", "海防村居民区", "", 100, "—", 0.8, "", "联席会议"},
	}
	if bad {
		rows[2][4] = "约100"
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+5)
			if v != "" {
				set(cell, v)
			}
		}
	}
	must(f.MergeCell(s, "C6", "C7")) // one 居民区 cell over two rows
	set("A8", "合计")
	must(f.MergeCell(s, "A8", "D8"))
	set("E8", 1423) // the rows add up to 1424: a warning
	must(f.SetCellFormula(s, "E8", "SUM(E5:E7)"))
	set("G8", 3.93)
	set("H8", 0.8)
	set("A10", "注：资金单位为万元。")

	must(f.SetColWidth(s, "B", "B", 24))
	_, err := f.NewSheet("汇总")
	must(err)
	for i, row := range [][]any{{"指标", "数值", "单位"}, {"实施微项目", "113", "个"}, {"资金总额", 15, "万元"}, {"大赛开展年数", 4, "年"}} {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, i+2)
			must(f.SetCellValue("汇总", cell, v))
		}
	}
	must(f.SetCellValue("汇总", "A1", "2020年度全项目数字"))
	_, err = f.NewSheet("说明")
	must(err)
	must(f.SetCellValue("说明", "A1", "本表由街道自治办汇总，数字以此为准。"))
	must(f.SetDocProps(&excelize.DocProperties{Created: "2021-01-04T08:00:00Z", Modified: "2021-01-04T08:00:00Z", Creator: "synthetic test ledger"}))
	buf, err := f.WriteToBuffer()
	must(err)
	return buf.Bytes()
}

// TestFixtures keeps the committed ledgers (synthetic, made here) in step
// with officeLedger when run with -update-fixtures.
func TestFixtures(t *testing.T) {
	if !*updateFixtures {
		t.Skip("run with -update-fixtures to rewrite the CLI's ledgers")
	}
	dir := filepath.Join("..", "..", "cmd", "showcase", "testdata", "ledgers")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]bool{"台账.xlsx": false, "台账-错误.xlsx": true} {
		if err := os.WriteFile(filepath.Join(dir, name), officeLedger(t, bad), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
