#!/usr/bin/env python3
"""Builds a benchmark corpus of real Windows event records in evtx-crate JSON (JSON lines) for `kagami hunt`.

Reads EVTX files with python-evtx (Debian python3-evtx, `evtx_dump.py`), turns each record's XML into the evtx
crate's default JSON shape (#attributes / #text, <Data Name="X"> -> "X"), and repeats the records until the output
holds COUNT events. The records are real (Sysmon, Security, System, ... from the evtx crate's sample set in
shared/testdata/evtx/edge-cases); only their number is multiplied.

Usage: sigma-corpus.py OUT.jsonl COUNT EVTX_FILE...
"""
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://schemas.microsoft.com/win/2004/08/events/event}"


def typed(text):
    if text is None:
        return None
    if text.isdigit() and len(text) < 19 and not (len(text) > 1 and text.startswith("0")):
        return int(text)
    return text


def element(e):
    attrs = {k: typed(v) for k, v in e.attrib.items()}
    if "SystemTime" in attrs and " " in str(attrs["SystemTime"]):
        # python-evtx writes "2017-12-26 13:10:29.136879"; the evtx crate writes ISO-8601 with Z
        attrs["SystemTime"] = attrs["SystemTime"].replace(" ", "T") + "Z"
    children = list(e)
    if not children:
        text = typed(e.text.strip()) if e.text and e.text.strip() else None
        if attrs:
            node = {"#attributes": attrs}
            if text is not None:
                node["#text"] = text
            return node
        return text
    node = {}
    if attrs:
        node["#attributes"] = attrs
    for c in children:
        name = c.tag.replace(NS, "")
        if name == "Data" and "Name" in c.attrib:
            node[c.attrib["Name"]] = typed(c.text) if c.text is not None else None
            continue
        key = name
        n = 1
        while key in node:
            key = "%s_%d" % (name, n)
            n += 1
        node[key] = element(c)
    return node


def records(path):
    xml = subprocess.run(["evtx_dump.py", path], capture_output=True, text=True, errors="replace").stdout
    start = xml.find("<Events>")
    if start < 0:
        return []
    try:
        root = ET.fromstring(xml[start:])
    except ET.ParseError:
        return []
    return [{"Event": element(ev)} for ev in root]


def main():
    out, count, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    recs = []
    for f in files:
        recs.extend(json.dumps(r, ensure_ascii=False) for r in records(f))
    if not recs:
        sys.exit("no records read")
    with open(out, "w", encoding="utf-8") as w:
        for i in range(count):
            w.write(recs[i % len(recs)])
            w.write("\n")
    print("%d distinct records, %d written to %s" % (len(recs), count, out))


if __name__ == "__main__":
    main()
