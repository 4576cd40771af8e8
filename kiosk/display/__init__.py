"""The hall's calling display (叫号大屏): what it shows, kept from the hub's event stream."""
