package config

import (
	"strings"
	"testing"

	"github.com/jiangninglu/showcase/internal/diag"
)

func TestParseDeployAndFiling(t *testing.T) {
	c, err := Parse([]byte(`title: t
filing:
  icp: 沪ICP备12345678号-1
  police: 沪公网安备31010602000000号
deploy:
  - name: oss
    endpoint: oss-cn-shanghai.aliyuncs.com
    bucket: jiangninglu-showcase
    region: cn-shanghai
    prefix: /site/2024/
  - name: local
    endpoint: http://127.0.0.1:9000
    bucket: site
    path_style: true
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Filing.ICP != "沪ICP备12345678号-1" || c.Filing.PoliceCode() != "31010602000000" {
		t.Errorf("filing = %+v", c.Filing)
	}
	if len(c.Deploy) != 2 {
		t.Fatalf("deploy = %+v", c.Deploy)
	}
	oss, local := c.Deploy[0], c.Deploy[1]
	if oss.Endpoint != "oss-cn-shanghai.aliyuncs.com" || !oss.Secure || oss.Prefix != "site/2024/" || oss.Region != "cn-shanghai" || oss.Line != 6 {
		t.Errorf("oss = %+v", oss)
	}
	if local.Endpoint != "127.0.0.1:9000" || local.Secure || !local.PathStyle || local.Prefix != "" {
		t.Errorf("local = %+v", local)
	}
	if tg, ok := c.Target(""); !ok || tg.Name != "oss" {
		t.Errorf("default target = %+v", tg)
	}
	if _, ok := c.Target("cos"); ok {
		t.Error("found a target that is not there")
	}
}

// TestDeployAndFilingErrors: each mistake is named with its line and field.
func TestDeployAndFilingErrors(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"deploy:\n  - endpoint: oss-cn-shanghai.aliyuncs.com\n    bucket: b1b\n    access_key_id: LTAI\n", "showcase.yaml:4:5: deploy[0].access_key_id: credentials do not belong"},
		{"deploy:\n  - endpoint: oss.example.com\n    bucket: b1b\n    secret: x\n", "showcase.yaml:4:5: deploy[0].secret: credentials"},
		{"deploy:\n  - endpoint: http://oss.example.com\n    bucket: b1b\n", "showcase.yaml:2:15: deploy[0].endpoint: plain http://"},
		{"deploy:\n  - endpoint: https://oss.example.com/path\n    bucket: b1b\n", "deploy[0].endpoint: want a host"},
		{"deploy:\n  - endpoint: oss.example.com\n    bucket: My_Bucket\n", "showcase.yaml:3:13: deploy[0].bucket: want a bucket name"},
		{"deploy:\n  - endpoint: oss.example.com\n", "showcase.yaml:2:5: deploy[0].bucket: missing"},
		{"deploy:\n  - endpoint: oss.example.com\n    bucket: abc\n    prefix: a/../b\n", "deploy[0].prefix: want a folder"},
		{"deploy:\n  - endpoint: oss.example.com\n    bucket: abc\n    pathstyle: true\n", "did you mean deploy[0].path_style"},
		{"deploy:\n  - {name: a, endpoint: x.com, bucket: abc}\n  - {name: a, endpoint: y.com, bucket: abd}\n", "deploy target \"a\" is named twice (first on line 2)"},
		{"filing:\n  icp: 沪ICP12345678号\n", "showcase.yaml:2:8: filing.icp: want an ICP number"},
		{"filing:\n  icp: 沪ICP备123号\n", "filing.icp: want an ICP number"},
		{"filing:\n  icp: 申ICP备12345678号\n", "filing.icp: \"申\" is not a province"},
		{"filing:\n  police: 沪公网安备3101060200000号\n", "filing.police: a public-security filing number has 14 digits, this one has 13"},
		{"filing:\n  police: 沪公网安备11010602000000号\n", "filing.police: a filing of \"沪\" starts with 31"},
		{"filing:\n  police: 沪ICP备12345678号\n", "filing.police: want a public-security"},
		{"filing:\n  icpp: 沪ICP备12345678号\n", "did you mean filing.icp"},
	} {
		_, err := Parse([]byte(tc.yaml))
		if err == nil {
			t.Errorf("%q: no error", tc.yaml)
			continue
		}
		if got := err.Error(); !strings.Contains(got, tc.want) {
			t.Errorf("%q:\n got %s\nwant %s", tc.yaml, got, tc.want)
		}
	}
	// In Chinese too.
	_, err := Parse([]byte("deploy:\n  - endpoint: x.com\n    bucket: abc\n    secret_access_key: s\n"))
	if got := diag.Problems(err)[0].Format(diag.ZhCN); !strings.Contains(got, "密钥不能写在 showcase.yaml 里") {
		t.Errorf("zh: %s", got)
	}
}

func TestFilingForms(t *testing.T) {
	for _, s := range []string{"沪ICP备12345678号", "京ICP证030173号", "京ICP备2021012345号-3", "粤ICP备12345678号-12"} {
		if m := checkICP(s); m.Code != "" {
			t.Errorf("%s: %v", s, m)
		}
	}
	for _, s := range []string{"沪公网安备31010602000000号", "京公网安备 11010502030143号"} {
		if m := checkPolice(s); m.Code != "" {
			t.Errorf("%s: %v", s, m)
		}
	}
}

func TestBaseURLKinds(t *testing.T) {
	for _, tc := range []struct {
		url, bucket string
		public      bool
	}{
		{"https://jiangninglu.oss-cn-shanghai.aliyuncs.com/", "aliyuncs.com", true},
		{"https://site-125000.cos-website.ap-shanghai.myqcloud.com/", "myqcloud.com", true},
		{"https://b.obs-website.cn-east-3.myhuaweicloud.com/", "myhuaweicloud.com", true},
		{"https://www.jiangninglu.gov.cn/", "", true},
		{"https://example.org/", "", false},
		{"http://127.0.0.1:1313/", "", false},
		{"/", "", false},
	} {
		c := Default()
		c.BaseURL = tc.url
		if got := c.BucketDomain(); got != tc.bucket {
			t.Errorf("%s: bucket domain %q, want %q", tc.url, got, tc.bucket)
		}
		if got := c.PublicBaseURL(); got != tc.public {
			t.Errorf("%s: public %v, want %v", tc.url, got, tc.public)
		}
	}
}
