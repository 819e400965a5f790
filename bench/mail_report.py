#!/usr/bin/env python3
"""Turns bench/mail.sh's raw outputs into the Markdown of docs/BENCHMARKS.md (section "kagami mail")."""
import collections
import json
import re
import sys
from pathlib import Path

work = Path(sys.argv[1])
n = int((work / "count").read_text())


def jsonl(name):
    return [json.loads(l) for l in (work / name).read_text().splitlines() if l.strip()]


def split(rows):
    return ([r for r in rows if "/phishing/" in r["file"]], [r for r in rows if "/ham/" in r["file"]])


def flagged(rows):
    return sum(1 for r in rows if r["verdict"] != "clean")


def timing(name):
    wall, user, sys_ = (float(x) for x in (work / name).read_text().split()[-3:])
    return wall, user + sys_


def pct(k, m):
    return f"{k}/{m} ({100 * k / m:.0f} %)"


# SpamAssassin's mbox output: one X-Spam-Status per message, in input order.
order = (work / "mbox-order.txt").read_text().split("\n")[:n]
status = re.findall(r"^X-Spam-Status: (Yes|No)", (work / "sa-mbox.out").read_text(errors="replace"), re.M)
sa = dict(zip(order, [s == "Yes" for s in status]))
sa_p = [v for f, v in sa.items() if "/phishing/" in f]
sa_h = [v for f, v in sa.items() if "/ham/" in f]

print((work / "machine.txt").read_text().strip())
print()
print("| tool (same 200 files, same run) | phishing flagged | ham flagged | wall s | CPU s | msgs/s (wall) | msgs/s (CPU) |")
print("| --- | --- | --- | --- | --- | --- | --- |")
rows = {}
for cfg, label in (("default", "kagami mail (default configuration)"),
                   ("m365", "kagami mail --org bench/mail-org-m365.conf")):
    p, h = split(jsonl(f"kagami-{cfg}.jsonl"))
    rows[cfg] = (p, h)
    if cfg == "default":
        for t, tl in (("kagami-t1.time", "`./kagami`, 1 thread"), ("kagami-t2.time", "`./kagami`, 2 threads"),
                      ("kagami-c2cds.time", "1 thread, C2 JIT + AppCDS"),
                      ("kagami-before.time", "1 thread, previous launcher options (C2, no AppCDS)")):
            wall, cpu = timing(t)
            print(f"| {label}, {tl} | {pct(flagged(p), len(p))} | {pct(flagged(h), len(h))} | {wall:.1f} | "
                  f"{cpu:.1f} | {n / wall:.1f} | {n / cpu:.1f} |")
    else:
        print(f"| {label} | {pct(flagged(p), len(p))} | {pct(flagged(h), len(h))} | | | | |")
sw, sc = timing("sa-mbox.time")
print(f"| spamassassin -L -t --mbox | {pct(sum(sa_p), len(sa_p))} | {pct(sum(sa_h), len(sa_h))} | {sw:.1f} | "
      f"{sc:.1f} | {n / sw:.2f} | {n / sc:.2f} |")
if (work / "sa-each.seconds").exists():
    each = float((work / "sa-each.seconds").read_text())
    print(f"| spamassassin -L -t < MAIL, once per message | | | {each:.1f} | | {n / each:.2f} | |")
kw, kc = timing("kagami-t1.time")
bw, bc = timing("kagami-before.time")
cw, cc = timing("kagami-c2cds.time")
print()
print(f"Throughput, kagami / spamassassin, one thread each, JVM start included: {sw / kw:.1f}x by wall time and "
      f"{sc / kc:.1f}x by CPU time with the launcher (`./kagami mail`: C1 JIT and AppCDS); {sw / cw:.1f}x and "
      f"{sc / cc:.1f}x with C2 and AppCDS; {sw / bw:.1f}x and {sc / bc:.1f}x with the previous launcher options "
      f"(C2, no AppCDS).")
print()
k1w, k1c = timing("kagami-1000.time")
b1w, b1c = timing("kagami-before-1000.time")
s1w, s1c = timing("sa-1000.time")
m = 5 * n
print(f"Throughput over {m} messages (the same files five times), one thread each, start-up included:")
print()
print("| tool | wall s | CPU s | msgs/s (wall) | msgs/s (CPU) | kagami / spamassassin (wall, CPU) |")
print("| --- | --- | --- | --- | --- | --- |")
print(f"| kagami mail, `./kagami` (C1 + AppCDS) | {k1w:.1f} | {k1c:.1f} | {m / k1w:.1f} | {m / k1c:.1f} | "
      f"{s1w / k1w:.1f}x, {s1c / k1c:.1f}x |")
print(f"| kagami mail, previous launcher options (C2, no AppCDS) | {b1w:.1f} | {b1c:.1f} | {m / b1w:.1f} | "
      f"{m / b1c:.1f} | {s1w / b1w:.1f}x, {s1c / b1c:.1f}x |")
print(f"| spamassassin -L -t --mbox | {s1w:.1f} | {s1c:.1f} | {m / s1w:.2f} | {m / s1c:.2f} | 1x |")
print()
p, h = rows["default"]
print("Verdict levels, default configuration: phishing "
      + ", ".join(f"{k} {v}" for k, v in collections.Counter(r["verdict"] for r in p).most_common())
      + "; ham " + ", ".join(f"{k} {v}" for k, v in collections.Counter(r["verdict"] for r in h).most_common()) + ".")
print()
print("Per-signal breakdown: in how many messages each signal fired, with the default configuration and with "
      "`--org` (which adds the `auth.*` signals).")
print()
print("| signal | weight | ATT&CK | phishing | ham | phishing, `--org` | ham, `--org` |")
print("| --- | --- | --- | --- | --- | --- | --- |")
counts, w, t = {}, {}, {}
for cfg in ("default", "m365"):
    for cls, rs in zip(("p", "h"), rows[cfg]):
        c = counts.setdefault((cfg, cls), collections.Counter())
        for r in rs:
            for x in r["reasons"]:
                c[x["id"]] += 1
                w[x["id"]] = x["weight"]
                t[x["id"]] = x["technique"]
sigs = set().union(*counts.values())
order = sorted(sigs, key=lambda s: (-(counts[("default", "p")][s] + counts[("default", "h")][s]
                                      + counts[("m365", "p")][s]), s))
for sig in order:
    print(f"| `{sig}` | {w.get(sig, 0)} | {t.get(sig, '')} | {counts[('default', 'p')][sig]} | "
          f"{counts[('default', 'h')][sig]} | {counts[('m365', 'p')][sig]} | {counts[('m365', 'h')][sig]} |")
print()
top = collections.Counter()
p, h = rows["default"]
for r in p:
    if r["verdict"] != "clean" and r["reasons"]:
        top[max(r["reasons"], key=lambda x: x["weight"])["id"]] += 1
print("Strongest reason of each flagged phishing message (default configuration): "
      + ", ".join(f"`{k}` {v}" for k, v in top.most_common(15)) + ".")
print()
print("Phishing messages left clean (default configuration): "
      + ", ".join(f"`{Path(r['file']).name}` ({r['score']})" for r in p if r["verdict"] == "clean") + ".")
