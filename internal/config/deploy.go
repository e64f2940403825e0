package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/meta"
)

// Target is one place `showcase deploy` publishes to: a bucket of an
// S3-compatible object store.
type Target struct {
	Name string
	// Endpoint is the service's host[:port], without a scheme; Secure says
	// https (false only for an http:// endpoint on a loopback address).
	Endpoint  string
	Secure    bool
	Bucket    string
	Region    string // "" lets the client find it
	Prefix    string // "" or a folder in the bucket ending in "/"
	PathStyle bool   // bucket in the path (MinIO) rather than in the host name
	Line      int    // where the target starts in showcase.yaml
}

// Filing is the site's registration numbers, shown at the foot of every
// page: the ICP filing (ICP备案号) and the public-security filing
// (公安备案号).
type Filing struct {
	ICP    string // 沪ICP备12345678号-1
	Police string // 沪公网安备31010602000000号
}

// PoliceCode is the police filing's digits, for its query link.
func (f Filing) PoliceCode() string {
	if m := policeRE.FindStringSubmatch(f.Police); m != nil {
		return m[2]
	}
	return ""
}

// Any reports whether the site gives a filing number.
func (f Filing) Any() bool { return f.ICP != "" || f.Police != "" }

var targetKeys = []string{"name", "endpoint", "bucket", "region", "prefix", "path_style"}

// secretWords mark a key that holds a credential.
var secretWords = []string{"key", "secret", "password", "token", "credential"}

// parseDeploy reads deploy: a list of targets.
func parseDeploy(f meta.Fields, v *meta.Node) []Target {
	if v.Kind == meta.Null {
		return nil
	}
	if v.Kind == meta.Map { // one target, written without the list
		v = &meta.Node{Kind: meta.List, Line: v.Line, Col: v.Col, List: []*meta.Node{v}}
	}
	if v.Kind != meta.List {
		f.Report(v, "deploy", "config-deploy-list", v.Describe())
		return nil
	}
	var out []Target
	names := map[string]int{}
	for i, e := range v.List {
		field := fmt.Sprintf("deploy[%d]", i)
		if e.Kind != meta.Map {
			f.Report(e, field, "config-deploy-target", e.Describe())
			continue
		}
		t := Target{Line: e.Line, Secure: true}
		ok := true
		for _, p := range e.Map {
			pf := field + "." + p.Key
			switch p.Key {
			case "name":
				t.Name, _ = f.String(p.Value, pf)
			case "endpoint":
				if s, good := f.String(p.Value, pf); good {
					host, secure, msg := parseEndpoint(s)
					if msg.Code != "" {
						f.Report(p.Value, pf, msg.Code, msg.Args...)
						ok = false
						continue
					}
					t.Endpoint, t.Secure = host, secure
				}
			case "bucket":
				if s, good := f.String(p.Value, pf); good {
					if !bucketRE.MatchString(s) || strings.Contains(s, "..") {
						f.Report(p.Value, pf, "config-deploy-bucket", diag.Quote(s))
						ok = false
						continue
					}
					t.Bucket = s
				}
			case "region":
				t.Region, _ = f.String(p.Value, pf)
			case "prefix":
				if s, good := f.String(p.Value, pf); good {
					s = strings.Trim(s, "/")
					if s != "" {
						if !validPrefix(s) {
							f.Report(p.Value, pf, "config-deploy-prefix", diag.Quote(s))
							ok = false
							continue
						}
						s += "/"
					}
					t.Prefix = s
				}
			case "path_style":
				t.PathStyle, _ = f.Bool(p.Value, pf)
			default:
				if secretKey(p.Key) {
					f.Report(&meta.Node{Line: p.Line, Col: p.Col}, pf, "config-deploy-secret")
				} else {
					f.Unknown(p, field+".", targetKeys)
				}
				ok = false
			}
		}
		if t.Endpoint == "" && e.Get("endpoint") == nil {
			f.Report(e, field+".endpoint", "config-deploy-missing", "endpoint")
			ok = false
		}
		if t.Bucket == "" && e.Get("bucket") == nil {
			f.Report(e, field+".bucket", "config-deploy-missing", "bucket")
			ok = false
		}
		if t.Name == "" {
			t.Name = t.Bucket
		}
		if line, dup := names[t.Name]; dup && t.Name != "" {
			f.Report(e, field+".name", "config-deploy-twice", diag.Quote(t.Name), line)
			ok = false
		}
		names[t.Name] = e.Line
		if ok {
			out = append(out, t)
		}
	}
	return out
}

func secretKey(k string) bool {
	k = strings.ToLower(k)
	for _, w := range secretWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// bucketRE is S3's rule for bucket names, which OSS, COS and OBS share.
var bucketRE = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

func validPrefix(s string) bool {
	for _, seg := range strings.Split(s, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return false
		}
	}
	return true
}

// parseEndpoint reads an endpoint: a host[:port] (https) or an http(s)
// URL with nothing after the host; http only on a loopback address.
func parseEndpoint(s string) (host string, secure bool, problem diag.Msg) {
	raw := s
	secure = true
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
			return "", false, diag.M("config-deploy-endpoint", diag.Quote(raw))
		}
		secure = u.Scheme == "https"
		s = u.Host
	}
	if s == "" || strings.ContainsAny(s, "/ \t?#@") {
		return "", false, diag.M("config-deploy-endpoint", diag.Quote(raw))
	}
	if !secure && !Loopback(s) {
		return "", false, diag.M("config-deploy-http", diag.Quote(raw))
	}
	return s, secure, diag.Msg{}
}

// Loopback reports whether host[:port] names this machine: localhost or a
// loopback address.
func Loopback(hostport string) bool {
	h := hostport
	if hh, _, err := net.SplitHostPort(hostport); err == nil {
		h = hh
	}
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Target returns the deploy target named name, or the first one when
// name is "".
func (c *Config) Target(name string) (Target, bool) {
	if len(c.Deploy) == 0 {
		return Target{}, false
	}
	if name == "" {
		return c.Deploy[0], true
	}
	for _, t := range c.Deploy {
		if t.Name == name {
			return t, true
		}
	}
	return Target{}, false
}

// provinces are the one-character names filing numbers start with, and
// the first two digits of their administrative division codes, which a
// police filing number starts with.
var provinces = map[string]string{
	"京": "11", "津": "12", "冀": "13", "晋": "14", "蒙": "15",
	"辽": "21", "吉": "22", "黑": "23",
	"沪": "31", "苏": "32", "浙": "33", "皖": "34", "闽": "35", "赣": "36", "鲁": "37",
	"豫": "41", "鄂": "42", "湘": "43", "粤": "44", "桂": "45", "琼": "46",
	"渝": "50", "川": "51", "贵": "52", "黔": "52", "云": "53", "滇": "53", "藏": "54",
	"陕": "61", "甘": "62", "陇": "62", "青": "63", "宁": "64", "新": "65",
}

var (
	// icpRE: an ICP filing (备, 6 to 10 digits: 沪ICP备12345678号,
	// 京ICP备2021012345号) or an ICP licence (证, 6 digits), with an
	// optional site number after a hyphen.
	icpRE = regexp.MustCompile(`^(\p{Han})ICP(备|证)(\d+)号(?:-(\d{1,3}))?$`)
	// policeRE: 沪公网安备 and the 14 digits of the filing.
	policeRE = regexp.MustCompile(`^(\p{Han})公网安备\s?(\d+)号$`)
)

var filingKeys = []string{"icp", "police"}

func parseFiling(f meta.Fields, v *meta.Node) Filing {
	var fl Filing
	if v.Kind == meta.Null {
		return fl
	}
	if v.Kind != meta.Map {
		f.Report(v, "filing", "config-filing", v.Describe())
		return fl
	}
	for _, p := range v.Map {
		field := "filing." + p.Key
		switch p.Key {
		case "icp":
			if s, ok := f.String(p.Value, field); ok {
				s = strings.TrimSpace(s)
				if msg := checkICP(s); msg.Code != "" {
					f.Report(p.Value, field, msg.Code, msg.Args...)
					continue
				}
				fl.ICP = s
			}
		case "police":
			if s, ok := f.String(p.Value, field); ok {
				s = strings.TrimSpace(s)
				if msg := checkPolice(s); msg.Code != "" {
					f.Report(p.Value, field, msg.Code, msg.Args...)
					continue
				}
				fl.Police = s
			}
		default:
			f.Unknown(p, "filing.", filingKeys)
		}
	}
	return fl
}

func checkICP(s string) diag.Msg {
	m := icpRE.FindStringSubmatch(s)
	if m == nil {
		return diag.M("config-icp", diag.Quote(s))
	}
	if _, ok := provinces[m[1]]; !ok {
		return diag.M("config-filing-province", diag.Quote(m[1]))
	}
	digits := len(m[3])
	if (m[2] == "备" && (digits < 6 || digits > 10)) || (m[2] == "证" && digits != 6) {
		return diag.M("config-icp", diag.Quote(s))
	}
	return diag.Msg{}
}

func checkPolice(s string) diag.Msg {
	m := policeRE.FindStringSubmatch(s)
	if m == nil {
		return diag.M("config-police", diag.Quote(s))
	}
	code, ok := provinces[m[1]]
	if !ok {
		return diag.M("config-filing-province", diag.Quote(m[1]))
	}
	if len(m[2]) != 14 {
		return diag.M("config-police-digits", len(m[2]))
	}
	if !strings.HasPrefix(m[2], code) {
		return diag.M("config-police-region", diag.Quote(m[1]), code, diag.Quote(m[2][:2]))
	}
	return diag.Msg{}
}

// mainlandBucketDomains are the default domains of mainland China's object
// stores, which serve HTML as a download: a site cannot live there.
var mainlandBucketDomains = []string{"aliyuncs.com", "myqcloud.com", "myhuaweicloud.com"}

// BucketDomain returns the provider domain baseURL's host is under when it
// is a mainland provider's default bucket domain, else "".
func (c *Config) BucketDomain() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return ""
	}
	h := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	for _, d := range mainlandBucketDomains {
		if h == d || strings.HasSuffix(h, "."+d) {
			return d
		}
	}
	return ""
}

// PublicBaseURL reports whether baseURL is an address on the public web:
// absolute, and not a loopback, private or reserved example name.
func (c *Config) PublicBaseURL() bool {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Host == "" {
		return false
	}
	h := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if ip := net.ParseIP(h); ip != nil {
		return !(ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() || ip.IsLinkLocalUnicast())
	}
	if h == "localhost" || !strings.Contains(h, ".") {
		return false
	}
	for _, d := range []string{"example.org", "example.com", "example.net", "example", "test", "invalid", "localhost", "local", "internal", "lan"} {
		if h == d || strings.HasSuffix(h, "."+d) {
			return false
		}
	}
	return true
}
