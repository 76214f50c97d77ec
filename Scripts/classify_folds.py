"""Stratified k-fold split of a label file, shared by Scripts/classify-cv and Scripts/baseline-sklearn.

Both scripts call folds(labels_path) and get the same folds: files are grouped by label, each group is sorted by
name and shuffled with a fixed seed, then dealt round-robin into K folds.
"""
import csv, os, random

K = 5
SEED = int(os.environ.get("CV_SEED", "20241123"))  # override only to check stability


def read_labels(labels_path):
    base = os.path.dirname(os.path.abspath(labels_path))
    with open(labels_path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(os.path.normpath(os.path.join(base, r["file"])), r["label"]) for r in rows]


def folds(labels_path, k=K, seed=SEED):
    """Returns k lists of (absolute path, label)."""
    rows = read_labels(labels_path)
    by_label = {}
    for path, label in rows:
        by_label.setdefault(label, []).append(path)
    rng = random.Random(seed)
    out = [[] for _ in range(k)]
    slot = 0
    for label in sorted(by_label):
        files = sorted(by_label[label])
        rng.shuffle(files)
        for path in files:
            out[slot % k].append((path, label))
            slot += 1
    return out


def write_tsv(path, rows):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("file\tlabel\n")
        for file, label in rows:
            handle.write(f"{file}\t{label}\n")


KINDS = ["serious_buyer", "price_comparer", "info_gatherer", "not_lead"]


def report(truth, predicted, title):
    """Prints per-class precision/recall/F1, the confusion matrix and macro-F1; returns macro-F1."""
    conf = {t: {p: 0 for p in KINDS + ["(none)"]} for t in KINDS}
    for f, t in truth.items():
        p = predicted.get(f)
        conf[t][p if p in KINDS else "(none)"] += 1
    print(title)
    print(f"{'kind':15s} {'prec':>6s} {'recall':>6s} {'F1':>6s} {'n':>4s}")
    f1s = []
    for k in KINDS:
        tp = conf[k][k]
        fp = sum(conf[t][k] for t in KINDS if t != k)
        fn = sum(v for p, v in conf[k].items() if p != k)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        f1s.append(f1)
        print(f"{k:15s} {prec:6.3f} {rec:6.3f} {f1:6.3f} {tp + fn:4d}")
    print("confusion (rows: truth, columns: predicted)")
    print(" " * 15 + "".join(f"{p[:8]:>9s}" for p in KINDS + ["(none)"]))
    for t in KINDS:
        print(f"{t:15s}" + "".join(f"{conf[t][p]:9d}" for p in KINDS + ["(none)"]))
    macro = sum(f1s) / len(f1s)
    acc = sum(conf[k][k] for k in KINDS) / max(1, len(truth))
    print(f"macro-F1: {macro:.3f} (accuracy {acc:.3f}, {len(truth)} files)")
    return macro
