#!/usr/bin/env python3
"""Summarise `perf report --no-children --sort dso,sym -n -t TAB --stdio` (read from stdin) by layer.

Usage: perf-layers.py TITLE [TOP]. Prints the share of samples per layer, then the TOP (15) hottest symbols.
.NET JIT code resolves through the perf map the runtime writes with DOTNET_PerfMapEnabled=1 (dso perf-<pid>.map);
ReadyToRun framework code that was not re-jitted shows as its .dll with no symbol, so the .dll names a layer too.
"""
import re
import sys

# Declaring-type prefixes, most specific first. For a generic (an async state machine box, say) the layer is the
# first of these named in the type, e.g. AsyncStateMachineBox`1[VoidTaskResult,Yarp.ReverseProxy...] is YARP.
MANAGED = [
    ("Greenlight (own code)", ("Greenlight.",)),
    ("YARP", ("Yarp.",)),
    ("Kestrel", ("Microsoft.AspNetCore.Server.Kestrel",)),
    ("ASP.NET Core other (hosting, routing, HTTP abstractions)", ("Microsoft.AspNetCore.", "Microsoft.Extensions.")),
    ("HttpClient (System.Net.Http)", ("System.Net.Http",)),
    ("sockets (System.Net.Sockets)", ("System.Net.Sockets",)),
    ("I/O pipelines, other System.Net", ("System.IO.Pipelines", "System.Net.")),
]
OTHER_MANAGED = "CoreLib & other managed (threading, async, collections, strings)"
KERNEL_NET = re.compile(r"tcp|udp|ip_|ipv|inet|sock|skb|net_|netif|napi|dev_|loopback|__sys_(send|recv)|sk_|nf_")
GC = re.compile(r"gc_heap|GCHeap|SVR::|WKS::|gc\.cpp|mark_|plan_phase|relocate|memclr|Collect", re.I)
LAYERS = ["kernel: network stack (tcp/ip, sockets, loopback)",
          "kernel: other (syscall entry, epoll, scheduler, futex, irq; pvm_irq_enable, see README)",
          "runtime: GC", "runtime: other libcoreclr/libclrjit (stubs, type checks, JIT)",
          "libc / System.Native (syscall wrappers, memcpy)"] + [m[0] for m in MANAGED] + [
          OTHER_MANAGED, "managed, unresolved (JIT code without a map entry)", "the proxy's own binary (nginx, haproxy)",
          "other"]


def layer(dso, sym):
    if dso.startswith("[kernel") or sym.startswith("[k]"):
        return LAYERS[0] if KERNEL_NET.search(sym) else LAYERS[1]
    name = sym[4:] if sym.startswith("[.] ") else sym
    if dso.startswith("libclrgc"):  # the GC loaded standalone (DOTNET_GCName), so its samples name it
        return LAYERS[2]
    if dso.startswith("libcoreclr") or dso.startswith("libclrjit"):
        return LAYERS[2] if GC.search(name) else LAYERS[3]
    if dso.startswith(("libc.", "libc-", "libpthread", "libSystem.Native", "ld-linux", "libm.")):
        return LAYERS[4]
    if dso in ("nginx", "haproxy"):
        return "the proxy's own binary (nginx, haproxy)"
    managed = dso.startswith(("perf-", "[JIT]")) or dso.endswith(".dll") or dso == "[unknown]"
    if not managed:
        return "other"
    if name.startswith("stub "):  # the runtime's dispatch and helper stubs, listed in the perf map
        return LAYERS[3]
    if name.startswith("0x") or name == "[unknown]" or not name.strip():
        if dso.endswith(".dll"):  # ReadyToRun code: the assembly names the layer
            name = dso
        else:
            return "managed, unresolved (JIT code without a map entry)"
    # "<return type> [Module] Declaring.Type::Method(...)[Tier]": the return type's own "[Module]Type" has no space.
    m = re.search(r"\[[^\]\s]+\] (.*?)::", name)
    owner = m.group(1) if m else name.split("::")[0]
    best = None
    for label, prefixes in MANAGED:
        for p in prefixes:
            i = owner.find(p)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, label)
    return best[1] if best else OTHER_MANAGED


def main():
    title = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    rows = []
    for line in sys.stdin:
        if line.startswith("#") or not line.strip():
            continue
        parts = [p.strip() for p in line.rstrip("\n").split("\t")]
        if len(parts) < 4 or not parts[1].isdigit():
            continue
        rows.append((int(parts[1]), parts[2], parts[3]))
    total = sum(r[0] for r in rows)
    if total == 0:
        sys.exit(f"{title}: perf recorded no samples")
    shares = {}
    for n, dso, sym in rows:
        key = layer(dso, sym)
        shares[key] = shares.get(key, 0) + n
    kernel = sum(n for key, n in shares.items() if key.startswith("kernel"))
    print(f"\n{title}: {total} samples, kernel {100 * kernel / total:.1f}%, user {100 * (total - kernel) / total:.1f}%\n")
    print("| layer | share of samples |\n|---|---|")
    for key in LAYERS:
        if shares.get(key):
            print(f"| {key} | {100 * shares[key] / total:.1f}% |")
    by_dso = {}
    for n, dso, _ in rows:
        by_dso[dso] = by_dso.get(dso, 0) + n
    print("\nby shared object: " + ", ".join(
        f"{d} {100 * n / total:.1f}%" for d, n in sorted(by_dso.items(), key=lambda i: -i[1])[:8]))
    print(f"\ntop {top} symbols (self time):\n")
    print("| share | layer | symbol |\n|---|---|---|")
    for n, dso, sym in sorted(rows, key=lambda r: -r[0])[:top]:
        name = re.sub(r"^\[.\] ", "", sym)
        name = name if not (name.startswith("0x") or name == "[unknown]") else f"{dso} (no symbol)"
        # A .NET method without its return type, arguments and tier: Declaring.Type::Method.
        m = re.search(r"\[[^\]\s]+\] (.*?::[^(]*)", name)
        name = m.group(1) if m else name
        name = re.sub(r"\s+", " ", name)[:140].replace("|", "\\|")
        print(f"| {100 * n / total:.1f}% | {layer(dso, sym).split(' (')[0]} | `{name}` |")


if __name__ == "__main__":
    main()
