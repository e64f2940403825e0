// Code copied from github.com/tdewolff/minify/v2@v2.24.25/html/table.go
// (tags' and attributes' traits, which that package does not export).
//
// Copyright (c) 2025 Taco de Wolff. MIT licence: see the notice in
// htmlmin.go.

package htmlmin

import mhtml "github.com/tdewolff/minify/v2/html"

type traits uint16

const (
	normalTag traits = 1 << iota
	rawTag           // raw tags need special processing for their content
	blockTag         // remove spaces around these tags
	objectTag        // keep spaces after these open/close tags
	omitPTag         // omit p end tag if it is followed by this start tag
	keepPTag         // keep p end tag if it is followed by this end tag
)

const (
	booleanAttr traits = 1 << iota
	urlAttr
	trimAttr
)

var tagMap = map[mhtml.Hash]traits{
	mhtml.A:          keepPTag,
	mhtml.Abbr:       normalTag,
	mhtml.Address:    blockTag | omitPTag,
	mhtml.Area:       normalTag,
	mhtml.Article:    blockTag | omitPTag,
	mhtml.Aside:      blockTag | omitPTag,
	mhtml.Audio:      keepPTag,
	mhtml.B:          normalTag,
	mhtml.Base:       normalTag,
	mhtml.Bb:         normalTag,
	mhtml.Bdi:        normalTag,
	mhtml.Bdo:        normalTag,
	mhtml.Blockquote: blockTag | omitPTag,
	mhtml.Body:       normalTag,
	mhtml.Br:         blockTag,
	mhtml.Button:     objectTag,
	mhtml.Canvas:     objectTag | keepPTag,
	mhtml.Caption:    blockTag,
	mhtml.Cite:       normalTag,
	mhtml.Code:       normalTag,
	mhtml.Col:        blockTag,
	mhtml.Colgroup:   blockTag,
	mhtml.Data:       normalTag,
	mhtml.Datalist:   normalTag, // no text content
	mhtml.Dd:         blockTag,
	mhtml.Del:        keepPTag,
	mhtml.Details:    blockTag | omitPTag,
	mhtml.Dfn:        normalTag,
	mhtml.Dialog:     normalTag,
	mhtml.Div:        blockTag | omitPTag,
	mhtml.Dl:         blockTag | omitPTag,
	mhtml.Dt:         blockTag,
	mhtml.Em:         normalTag,
	mhtml.Embed:      normalTag,
	mhtml.Fieldset:   blockTag | omitPTag,
	mhtml.Figcaption: blockTag | omitPTag,
	mhtml.Figure:     blockTag | omitPTag,
	mhtml.Footer:     blockTag | omitPTag,
	mhtml.Form:       blockTag | omitPTag,
	mhtml.H1:         blockTag | omitPTag,
	mhtml.H2:         blockTag | omitPTag,
	mhtml.H3:         blockTag | omitPTag,
	mhtml.H4:         blockTag | omitPTag,
	mhtml.H5:         blockTag | omitPTag,
	mhtml.H6:         blockTag | omitPTag,
	mhtml.Head:       blockTag,
	mhtml.Header:     blockTag | omitPTag,
	mhtml.Hgroup:     blockTag,
	mhtml.Hr:         blockTag | omitPTag,
	mhtml.Html:       blockTag,
	mhtml.I:          normalTag,
	mhtml.Iframe:     rawTag | objectTag,
	mhtml.Img:        objectTag,
	mhtml.Input:      objectTag,
	mhtml.Ins:        keepPTag,
	mhtml.Kbd:        normalTag,
	mhtml.Label:      normalTag | keepPTag, // experimentally, keepPTag is needed
	mhtml.Legend:     blockTag,
	mhtml.Li:         blockTag,
	mhtml.Link:       normalTag,
	mhtml.Main:       blockTag | omitPTag,
	mhtml.Map:        keepPTag,
	mhtml.Mark:       normalTag,
	mhtml.Math:       rawTag,
	mhtml.Menu:       blockTag | omitPTag,
	mhtml.Meta:       normalTag,
	mhtml.Meter:      objectTag,
	mhtml.Nav:        blockTag | omitPTag,
	mhtml.Noscript:   blockTag | keepPTag,
	mhtml.Object:     objectTag,
	mhtml.Ol:         blockTag | omitPTag,
	mhtml.Optgroup:   normalTag, // no text content
	mhtml.Option:     blockTag,
	mhtml.Output:     normalTag,
	mhtml.P:          blockTag | omitPTag,
	mhtml.Param:      normalTag,
	mhtml.Picture:    normalTag,
	mhtml.Pre:        blockTag | omitPTag,
	mhtml.Progress:   objectTag,
	mhtml.Q:          objectTag,
	mhtml.Rp:         normalTag,
	mhtml.Rt:         objectTag,
	mhtml.Ruby:       normalTag,
	mhtml.S:          normalTag,
	mhtml.Samp:       normalTag,
	mhtml.Script:     rawTag,
	mhtml.Section:    blockTag | omitPTag,
	mhtml.Select:     objectTag,
	mhtml.Slot:       normalTag,
	mhtml.Small:      normalTag,
	mhtml.Source:     normalTag,
	mhtml.Span:       normalTag,
	mhtml.Strong:     normalTag,
	mhtml.Style:      rawTag | blockTag,
	mhtml.Sub:        normalTag,
	mhtml.Summary:    blockTag,
	mhtml.Sup:        normalTag,
	mhtml.Svg:        rawTag | objectTag,
	mhtml.Table:      blockTag | omitPTag,
	mhtml.Tbody:      blockTag,
	mhtml.Td:         blockTag,
	mhtml.Template:   normalTag,
	mhtml.Textarea:   rawTag | objectTag,
	mhtml.Tfoot:      blockTag,
	mhtml.Th:         blockTag,
	mhtml.Thead:      blockTag,
	mhtml.Time:       normalTag,
	mhtml.Title:      blockTag,
	mhtml.Tr:         blockTag,
	mhtml.Track:      normalTag,
	mhtml.U:          normalTag,
	mhtml.Ul:         blockTag | omitPTag,
	mhtml.Var:        normalTag,
	mhtml.Video:      objectTag | keepPTag,
	mhtml.Wbr:        objectTag,

	// removed tags
	mhtml.Acronym:   normalTag,
	mhtml.Applet:    normalTag,
	mhtml.Basefont:  normalTag,
	mhtml.Big:       normalTag,
	mhtml.Center:    blockTag,
	mhtml.Dir:       blockTag,
	mhtml.Font:      normalTag,
	mhtml.Frame:     normalTag,
	mhtml.Frameset:  normalTag,
	mhtml.Image:     objectTag,
	mhtml.Marquee:   blockTag,
	mhtml.Menuitem:  normalTag,
	mhtml.Nobr:      normalTag,
	mhtml.Noembed:   blockTag,
	mhtml.Noframes:  blockTag,
	mhtml.Plaintext: normalTag,
	mhtml.Rtc:       objectTag,
	mhtml.Rb:        normalTag,
	mhtml.Strike:    normalTag,
	mhtml.Tt:        normalTag,
	mhtml.Xmp:       blockTag,

	// experimental tags
	mhtml.Portal: normalTag,
}

var attrMap = map[mhtml.Hash]traits{
	mhtml.Accept:                   trimAttr, // list of mimetypes
	mhtml.Accept_Charset:           trimAttr,
	mhtml.Accesskey:                trimAttr,
	mhtml.Action:                   urlAttr,
	mhtml.Allow:                    trimAttr,
	mhtml.Allowfullscreen:          booleanAttr,
	mhtml.As:                       trimAttr,
	mhtml.Async:                    booleanAttr,
	mhtml.Autocapitalize:           trimAttr,
	mhtml.Autocomplete:             trimAttr,
	mhtml.Autofocus:                booleanAttr,
	mhtml.Autoplay:                 booleanAttr,
	mhtml.Blocking:                 trimAttr,
	mhtml.Capture:                  trimAttr,
	mhtml.Charset:                  trimAttr,
	mhtml.Checked:                  booleanAttr,
	mhtml.Cite:                     urlAttr,
	mhtml.Class:                    trimAttr,
	mhtml.Color:                    trimAttr,
	mhtml.Cols:                     trimAttr, // uint bigger than 0
	mhtml.Colspan:                  trimAttr, // uint bigger than 0
	mhtml.Contenteditable:          trimAttr,
	mhtml.Controls:                 booleanAttr,
	mhtml.Coords:                   trimAttr, // list of floats
	mhtml.Crossorigin:              trimAttr,
	mhtml.Data:                     urlAttr,
	mhtml.Datetime:                 trimAttr,
	mhtml.Decoding:                 trimAttr,
	mhtml.Default:                  booleanAttr,
	mhtml.Defer:                    booleanAttr,
	mhtml.Dir:                      trimAttr,
	mhtml.Disabled:                 booleanAttr,
	mhtml.Draggable:                trimAttr,
	mhtml.Enctype:                  trimAttr, // mimetype
	mhtml.Enterkeyhint:             trimAttr,
	mhtml.Fetchpriority:            trimAttr,
	mhtml.For:                      trimAttr,
	mhtml.Form:                     trimAttr,
	mhtml.Formaction:               urlAttr,
	mhtml.Formenctype:              trimAttr, // mimetype
	mhtml.Formmethod:               trimAttr,
	mhtml.Formnovalidate:           booleanAttr,
	mhtml.Formtarget:               trimAttr,
	mhtml.Headers:                  trimAttr,
	mhtml.Height:                   trimAttr, // uint
	mhtml.Hidden:                   trimAttr, // TODO: boolean
	mhtml.High:                     trimAttr, // float
	mhtml.Href:                     urlAttr,
	mhtml.Hreflang:                 trimAttr, // BCP 47
	mhtml.Http_Equiv:               trimAttr,
	mhtml.Imagesizes:               trimAttr,
	mhtml.Imagesrcset:              trimAttr,
	mhtml.Inert:                    booleanAttr,
	mhtml.Inputmode:                trimAttr,
	mhtml.Is:                       trimAttr,
	mhtml.Ismap:                    booleanAttr,
	mhtml.Itemid:                   urlAttr,
	mhtml.Itemprop:                 trimAttr,
	mhtml.Itemref:                  trimAttr,
	mhtml.Itemscope:                booleanAttr,
	mhtml.Itemtype:                 trimAttr, // list of urls
	mhtml.Kind:                     trimAttr,
	mhtml.Lang:                     trimAttr, // BCP 47
	mhtml.List:                     trimAttr,
	mhtml.Loading:                  trimAttr,
	mhtml.Loop:                     booleanAttr,
	mhtml.Low:                      trimAttr, // float
	mhtml.Max:                      trimAttr, // float or varies
	mhtml.Maxlength:                trimAttr, // uint
	mhtml.Media:                    trimAttr,
	mhtml.Method:                   trimAttr,
	mhtml.Min:                      trimAttr, // float or varies
	mhtml.Minlength:                trimAttr, // uint
	mhtml.Multiple:                 booleanAttr,
	mhtml.Muted:                    booleanAttr,
	mhtml.Nomodule:                 booleanAttr,
	mhtml.Novalidate:               booleanAttr,
	mhtml.Open:                     booleanAttr,
	mhtml.Optimum:                  trimAttr, // float
	mhtml.Pattern:                  trimAttr, // regex
	mhtml.Ping:                     trimAttr, // list of urls
	mhtml.Playsinline:              booleanAttr,
	mhtml.Popover:                  trimAttr,
	mhtml.Popovertarget:            trimAttr,
	mhtml.Popovertargetaction:      trimAttr,
	mhtml.Poster:                   urlAttr,
	mhtml.Preload:                  trimAttr,
	mhtml.Profile:                  urlAttr,
	mhtml.Readonly:                 booleanAttr,
	mhtml.Referrerpolicy:           trimAttr,
	mhtml.Rel:                      trimAttr,
	mhtml.Required:                 booleanAttr,
	mhtml.Reversed:                 booleanAttr,
	mhtml.Rows:                     trimAttr, // uint bigger than 0
	mhtml.Rowspan:                  trimAttr, // uint
	mhtml.Sandbox:                  trimAttr,
	mhtml.Scope:                    trimAttr,
	mhtml.Selected:                 booleanAttr,
	mhtml.Shadowrootmode:           trimAttr,
	mhtml.Shadowrootdelegatesfocus: booleanAttr,
	mhtml.Shape:                    trimAttr,
	mhtml.Size:                     trimAttr, // uint bigger than 0
	mhtml.Sizes:                    trimAttr,
	mhtml.Span:                     trimAttr, // uint bigger than 0
	mhtml.Spellcheck:               trimAttr,
	mhtml.Src:                      urlAttr,
	mhtml.Srclang:                  trimAttr, // BCP 47
	mhtml.Srcset:                   trimAttr,
	mhtml.Start:                    trimAttr, // int
	mhtml.Step:                     trimAttr, // float or "any"
	mhtml.Tabindex:                 trimAttr, // int
	mhtml.Target:                   trimAttr,
	mhtml.Translate:                trimAttr,
	mhtml.Type:                     trimAttr,
	mhtml.Usemap:                   trimAttr,
	mhtml.Width:                    trimAttr, // uint
	mhtml.Wrap:                     trimAttr,
	mhtml.Xmlns:                    urlAttr,
}

var jsMimetypes = map[string]bool{
	"text/javascript":        true,
	"application/javascript": true,
}
