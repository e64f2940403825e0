package images

// Check reads only what it must of data to say whether Process would
// accept it: the format, the header and the size. It decodes no pixels and
// writes nothing, for `showcase check`. A GIF or SVG is accepted as
// Process passes it through.
func (p *Processor) Check(name string, data []byte) error {
	f := sniff(data)
	switch f {
	case formatSVG, formatGIF:
		return nil
	case formatJPEG, formatPNG, formatWebP:
	default:
		return &Error{Name: name, Err: unsupported(f)}
	}
	cfg, err := decodeConfig(f, data)
	if err != nil {
		return &Error{Name: name, Err: corrupt(f, data, err)}
	}
	if err := p.checkSize(cfg.Width, cfg.Height); err != nil {
		return &Error{Name: name, Err: err}
	}
	if f == formatJPEG {
		if err := checkScans(data); err != nil {
			return &Error{Name: name, Err: err}
		}
	}
	return nil
}
