#!/usr/bin/env python3
"""Trains the Isolation Forest of milling machines' windows and writes it as PMML 4.4, with scikit-learn's own scores.

Input: what `./vigil export-features --detector machine-health` wrote (detector,source,entity,window_end,<features>,
score[,label]). The model's inputs are, by name, each metric's window minimum and maximum (where a loose bearing
shows: its swings widen them while the mean stays) and its change since the machine's previous window (where a drift
shows): <metric>_min, <metric>_max, <metric>_delta. Rows with an empty cell are left out.

Output, beside this script unless told otherwise:
  machine-health.pmml           the model: a MiningModel averaging one TreeModel per tree, with the output fields
                                rawAnomalyScore, normalizedAnomalyScore and decisionFunction that JPMML-SkLearn writes
                                for an IsolationForest (what Vigil reads)
  machine_test.csv              the training rows and as many again with a loose bearing (vibration and spindle
                                current swinging: their minimum and maximum pushed out), the rows the golden test scores
  golden_machine_health.csv     scikit-learn's -score_samples (Vigil's 0..1 score) and decision_function of each

Why not sklearn2pmml / JPMML-SkLearn: they are the usual converters (scoring-module/README.md), but neither can be
installed where this was made. The tree walk below writes what JPMML-SkLearn writes for an IsolationForest: each
leaf's path length (its depth plus c(n) of the training samples it holds), the average over trees, divided by
c(max_samples), and sklearn's offset_. scikit-learn compares float32 inputs with its float64 thresholds; each input
is cast to float (a DerivedField) and each threshold written as the largest float32 not above it, which splits every
float32 exactly as scikit-learn does. The golden file is scikit-learn's own score_samples, not this walk's.

    pip install scikit-learn pandas    # 1.9.1 made the committed model
    python3 train_machine_health.py machine_features.csv
"""
import argparse
import math
import os
import sys
from xml.sax.saxutils import quoteattr

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import IsolationForest

LEADING = ["detector", "source", "entity", "window_end"]
TRAILING = ["score", "label"]
INPUTS = ("_min", "_max", "_delta")
EULER_GAMMA = 0.5772156649015329


def average_path_length(n):
    """c(n) as scikit-learn computes it: the mean path length of an unsuccessful search in a tree of n samples."""
    n = int(n)
    if n <= 1:
        return 0.0
    if n == 2:
        return 1.0
    return 2.0 * (math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n


def float32_at_most(threshold):
    """The largest float32 not above the threshold: x <= t and x <= this agree for every float32 x."""
    f = np.float32(threshold)
    if float(f) > threshold:
        f = np.nextafter(f, np.float32(-np.inf))
    return repr(float(f))


def tree_nodes(tree, features, node, depth, out, indent):
    left, right = tree.children_left[node], tree.children_right[node]
    if left == -1:
        return
    name = "float(" + features[tree.feature[node]] + ")"
    threshold = float32_at_most(tree.threshold[node])
    for child, operator in ((left, "lessOrEqual"), (right, "greaterThan")):
        leaf = tree.children_left[child] == -1
        score = ' score="%r"' % (depth + 1 + average_path_length(tree.n_node_samples[child])) if leaf else ""
        out.append('%s<Node%s><SimplePredicate field=%s operator="%s" value="%s"/>' % (
            indent, score, quoteattr(name), operator, threshold))
        tree_nodes(tree, features, child, depth + 1, out, indent)
        out.append(indent + "</Node>")


def pmml(forest, columns, version):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">',
           '\t<Header modelVersion=%s description="Isolation Forest of milling machines\' windows">' % quoteattr(version),
           '\t\t<Application name="train_machine_health.py, scikit-learn" version=%s/>' % quoteattr(sklearn.__version__),
           '\t</Header>',
           '\t<DataDictionary>']
    for column in columns:
        out.append('\t\t<DataField name=%s optype="continuous" dataType="double"/>' % quoteattr(column))
    out.append('\t</DataDictionary>')
    out.append('\t<MiningModel functionName="regression" algorithmName="sklearn.ensemble._iforest.IsolationForest">')
    out.append('\t\t<MiningSchema>')
    for column in columns:
        out.append('\t\t\t<MiningField name=%s/>' % quoteattr(column))
    out.append('\t\t</MiningSchema>')
    normaliser = average_path_length(forest.max_samples_)
    out += ['\t\t<Output>',
            '\t\t\t<OutputField name="rawAnomalyScore" optype="continuous" dataType="double" isFinalResult="false"/>',
            '\t\t\t<OutputField name="normalizedAnomalyScore" optype="continuous" dataType="double" '
            'feature="transformedValue" isFinalResult="false">',
            '\t\t\t\t<Apply function="/"><FieldRef field="rawAnomalyScore"/>'
            '<Constant dataType="double">%r</Constant></Apply>' % normaliser,
            '\t\t\t</OutputField>',
            '\t\t\t<OutputField name="decisionFunction" optype="continuous" dataType="double" feature="transformedValue">',
            '\t\t\t\t<Apply function="-"><Constant dataType="double">%r</Constant>' % float(-forest.offset_),
            '\t\t\t\t\t<Apply function="pow"><Constant dataType="double">2.0</Constant>'
            '<Apply function="*"><Constant dataType="integer">-1</Constant>'
            '<FieldRef field="normalizedAnomalyScore"/></Apply></Apply>',
            '\t\t\t\t</Apply>',
            '\t\t\t</OutputField>',
            '\t\t</Output>',
            '\t\t<Segmentation multipleModelMethod="average">']
    for i, (estimator, features) in enumerate(zip(forest.estimators_, forest.estimators_features_)):
        tree = estimator.tree_
        names = [columns[f] for f in features]
        used = sorted({names[f] for f, left in zip(tree.feature, tree.children_left) if left != -1})
        out.append('\t\t\t<Segment id="%d"><True/>' % (i + 1))
        out.append('\t\t\t\t<TreeModel functionName="regression" splitCharacteristic="binarySplit">')
        out.append('\t\t\t\t\t<MiningSchema>')
        for name in used:
            out.append('\t\t\t\t\t\t<MiningField name=%s/>' % quoteattr(name))
        out.append('\t\t\t\t\t</MiningSchema>')
        out.append('\t\t\t\t\t<LocalTransformations>')
        for name in used:
            out.append('\t\t\t\t\t\t<DerivedField name=%s optype="continuous" dataType="float"><FieldRef field=%s/>'
                       '</DerivedField>' % (quoteattr("float(" + name + ")"), quoteattr(name)))
        out.append('\t\t\t\t\t</LocalTransformations>')
        root_score = ' score="%r"' % average_path_length(tree.n_node_samples[0]) if tree.children_left[0] == -1 else ""
        out.append('\t\t\t\t\t<Node%s><True/>' % root_score)
        tree_nodes(tree, names, 0, 0, out, "")  # unindented: a tree is hundreds of nodes deep in places
        out.append('\t\t\t\t\t</Node>')
        out.append('\t\t\t\t</TreeModel>')
        out.append('\t\t\t</Segment>')
    out += ['\t\t</Segmentation>', '\t</MiningModel>', '</PMML>', '']
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("features", help="the CSV ./vigil export-features wrote")
    parser.add_argument("--output", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--version", default="1", help="the PMML Header's modelVersion, shown in every alert")
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--samples", type=int, default=256, help="training windows each tree is grown on")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()

    exported = pd.read_csv(args.features)
    columns = [c for c in exported.columns if c not in LEADING and c not in TRAILING and c.endswith(INPUTS)]
    rows = exported.dropna(subset=columns)
    training = rows[columns].astype("float64")
    forest = IsolationForest(n_estimators=args.trees, max_samples=args.samples, random_state=args.seed).fit(training)

    rng = np.random.default_rng(args.seed)
    loose = training.copy()
    for metric, swing in (("vibration", 1.2), ("spindle_current", 3.0)):
        loose[metric + "_max"] += swing + rng.uniform(-0.1, 0.1, len(loose))
        loose[metric + "_min"] -= swing + rng.uniform(-0.1, 0.1, len(loose))
    test = pd.concat([training, loose], ignore_index=True)
    test.insert(0, "row_id", range(1, len(test) + 1))
    test.to_csv(os.path.join(args.output, "machine_test.csv"), index=False, float_format="%.17g")
    test = pd.read_csv(os.path.join(args.output, "machine_test.csv"))[columns]  # the values as the file gives them
    golden = pd.DataFrame({"row_id": range(1, len(test) + 1), "anomaly_score": -forest.score_samples(test),
                           "decision_function": forest.decision_function(test)})
    golden.to_csv(os.path.join(args.output, "golden_machine_health.csv"), index=False, float_format="%.17g")
    with open(os.path.join(args.output, "machine-health.pmml"), "w", encoding="utf-8") as f:
        f.write(pmml(forest, columns, args.version))
    print("trained on %d windows of %s; -offset_ %.6f; wrote machine-health.pmml, machine_test.csv, "
          "golden_machine_health.csv" % (len(training), columns, -forest.offset_), file=sys.stderr)


if __name__ == "__main__":
    main()
