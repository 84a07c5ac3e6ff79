"""aikg diagram: the lineage drawn as DOT (checked structurally), Mermaid, SVG and PNG."""

from __future__ import annotations

import re
import shutil

import pytest

from helpers import FIXTURES, assert_exit

LINEAGE = FIXTURES / "viz" / "lineage.ttl"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")

_STATEMENT = re.compile(r'^\s*(\w+)(?:\s*->\s*(\w+))?\s*\[(.*)\];\s*$')
_ATTRIBUTE = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*")')


def parse_dot(text: str) -> tuple[dict, list]:
    """Nodes {id: attrs} and edges [(tail, head, attrs)] of a DOT digraph, labels unescaped."""
    assert text.startswith("digraph ")
    nodes, edges = {}, []
    for line in text.splitlines():
        match = _STATEMENT.match(line)
        if not match or match[1] in ("graph", "node", "edge"):
            continue
        attrs = {k: v[1:-1].replace("\\n", "\n").replace('\\"', '"') for k, v in _ATTRIBUTE.findall(match[3])}
        if match[2]:
            edges.append((match[1], match[2], attrs))
        else:
            nodes[match[1]] = attrs
    return nodes, edges


def drawn(text: str):
    """Nodes by their first label line, and edges as {(source name, derived name): attrs}."""
    nodes, edges = parse_dot(text)
    name = {node_id: attrs["label"].split("\n")[0] for node_id, attrs in nodes.items()}
    by_name = {name[node_id]: attrs for node_id, attrs in nodes.items()}
    return by_name, {(name[tail], name[head]): attrs for tail, head, attrs in edges}


def diagram(run, *args):
    result = run("diagram", "-i", LINEAGE, *args)
    assert_exit(result, 0)
    return result.stdout


def test_whole_lineage_nodes_edges_and_certainty_styles(run):
    nodes, edges = drawn(diagram(run))
    assert set(nodes) == {"Teacher A (version not stated)", "Teacher B", "Student", "Student Chat", "Student Chat Q4", "Merged"}
    assert "Loner" not in nodes  # no derivation: not part of the whole picture
    assert set(edges) == {
        ("Teacher A (version not stated)", "Student"),
        ("Teacher B", "Student"),
        ("Student", "Student Chat"),
        ("Student Chat", "Student Chat Q4"),
        ("Teacher B", "Merged"),
    }
    styles = {pair: attrs["style"] for pair, attrs in edges.items()}
    assert styles[("Teacher A (version not stated)", "Student")] == "solid"  # a confirmed claim
    assert styles[("Teacher B", "Student")] == "dashed"  # reported and possible only
    assert styles[("Student", "Student Chat")] == "solid"  # confirmed claim on the derivation node
    assert styles[("Student Chat", "Student Chat Q4")] == "dotted"  # no claim at all
    assert styles[("Teacher B", "Merged")] == "dashed"  # direct aikg:mergedFrom triple, 'possible'
    # The strongest hedge is named; the kind and status label the edge.
    assert edges[("Teacher B", "Student")]["label"] == "distillation\nreported · in progress"
    assert edges[("Student Chat", "Student Chat Q4")]["label"] == "quantization\nno claim"
    assert edges[("Teacher B", "Merged")]["label"] == "merge\npossible"
    # Edge colour follows the kind.
    assert edges[("Teacher B", "Student")]["color"] != edges[("Student", "Student Chat")]["color"]


def test_nodes_show_developer_license_and_access(run):
    nodes, _ = drawn(diagram(run))
    student, teacher_a, teacher_b = nodes["Student"], nodes["Teacher A (version not stated)"], nodes["Teacher B"]
    assert student["label"].split("\n")[1:] == ["by Lab One", "planned: closed", "license: none recorded"]
    assert "dashed" in student["style"]  # planned access: dashed border
    assert teacher_a["label"].split("\n")[1:] == [
        "by Lab One", "open weights (unrestricted)", "license: Open License 1.0", "(from the Teacher A family)",
    ]
    # Fill colours by access category: open, closed (API access is closed), and they differ.
    assert teacher_a["fillcolor"] != teacher_b["fillcolor"] == student["fillcolor"]
    assert teacher_a["tooltip"] == "http://example.org/viz/teacher-a"


@pytest.mark.parametrize(
    "args,expected",
    [
        (["Student", "--direction", "up"], {"Student", "Teacher A (version not stated)", "Teacher B"}),
        (["Student", "--direction", "down", "--depth", "1"], {"Student", "Student Chat"}),
        (["Student", "--direction", "down"], {"Student", "Student Chat", "Student Chat Q4"}),
        # both = ancestors and descendants; Merged is a cousin (through Teacher B) and stays out.
        (["Student Chat"], {"Student Chat", "Student", "Teacher A (version not stated)", "Teacher B", "Student Chat Q4"}),
        (["Student Chat", "--depth", "1"], {"Student Chat", "Student", "Student Chat Q4"}),
        (["Student", "--depth", "0"], {"Student"}),
        (["Loner"], {"Loner"}),
    ],
)
def test_focus_depth_and_direction(run, args, expected):
    nodes, edges = drawn(diagram(run, *args))
    assert set(nodes) == expected
    assert all(a in expected and b in expected for a, b in edges)


def test_models_named_by_iri_prefixed_name_or_label(run):
    by_label = diagram(run, "student chat")
    assert diagram(run, "ex:student-chat") == by_label  # the fixture's own prefix
    assert diagram(run, "<http://example.org/viz/student-chat>") == by_label
    assert diagram(run, "http://example.org/viz/student-chat") == by_label
    nodes, _ = drawn(by_label)
    assert nodes["Student Chat"]["penwidth"] == "3"  # the focus stands out
    assert nodes["Student"]["penwidth"] != "3"


def test_unknown_model_is_bad_input_with_a_suggestion(run):
    result = run("diagram", "-i", LINEAGE, "Studnet")
    assert_exit(result, 3)
    assert "unknown model 'Studnet'" in result.stderr
    assert "did you mean" in result.stderr and "Student" in result.stderr


def test_depth_without_a_model_is_a_usage_error(run):
    result = run("diagram", "-i", LINEAGE, "--depth", "1")
    assert_exit(result, 2)
    assert "MODEL" in result.stderr


def test_mermaid_has_the_same_edges_and_styles(run):
    text = diagram(run, "-f", "mermaid")
    assert text.startswith("flowchart TB\n")
    solid = re.findall(r"^  n\d+ -->\|", text, flags=re.M)
    dashed = re.findall(r"^  n\d+ -\.->\|", text, flags=re.M)
    assert (len(solid), len(dashed)) == (2, 3)  # two confirmed; two hedged and one unsourced
    assert len(re.findall(r"^  linkStyle \d+ .*stroke-dasharray", text, flags=re.M)) == 1  # the unsourced one dotted
    assert 'Student<br/>by Lab One<br/>planned: closed' in text
    assert re.search(r"^  class n\d+ planned$", text, flags=re.M)


def test_output_file_format_from_extension(run, tmp_path):
    target = tmp_path / "lineage.mmd"
    assert_exit(run("diagram", "-i", LINEAGE, "-o", target), 0)
    assert target.read_text().startswith("flowchart TB")
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


@needs_dot
def test_svg_and_png_are_rendered_by_graphviz(run, tmp_path):
    svg = tmp_path / "lineage.svg"
    assert_exit(run("diagram", "-i", LINEAGE, "Student", "-o", svg), 0)
    text = svg.read_text()
    assert "<svg" in text and ">Student</text>" in text and "stroke-dasharray" in text
    png = tmp_path / "lineage.png"
    assert_exit(run("diagram", "-i", LINEAGE, "-f", "png", "-o", png), 0)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


@needs_dot
@pytest.mark.parametrize("name,magic", [("l.pdf", b"%PDF-"), ("l.jpg", b"\xff\xd8\xff"), ("l.jpeg", b"\xff\xd8\xff"),
                                        ("l.png", b"\x89PNG")])
def test_every_graphviz_format_from_the_extension(run, tmp_path, name, magic):
    target = tmp_path / name
    assert run("diagram", "-i", LINEAGE, "-o", target).exit_code == 0
    assert target.read_bytes().startswith(magic)


@pytest.mark.parametrize("name", ["lineage.txt", "lineage", "lineage.gif"])
def test_an_unknown_extension_exits_2_naming_the_formats(run, tmp_path, name):
    result = run("diagram", "-i", LINEAGE, "-o", tmp_path / name)
    assert result.exit_code == 2
    assert ".pdf" in result.stderr and ".svg" in result.stderr and "-f/--format" in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written


@needs_dot
def test_scale_and_dpi_size_the_picture(run, tmp_path):
    import struct

    def size(*args):
        target = tmp_path / "l.png"
        assert run("diagram", "-i", LINEAGE, "-o", target, *args).exit_code == 0
        return struct.unpack(">II", target.read_bytes()[16:24])

    plain, doubled, dpi = size(), size("--scale", "2"), size("--dpi", "192")
    assert abs(doubled[0] - 2 * plain[0]) <= 2 and abs(dpi[0] - doubled[0]) <= 2
    svg = tmp_path / "l.svg"
    assert run("diagram", "-i", LINEAGE, "-o", svg, "--scale", "3").exit_code == 0
    width = float(re.search(r'<svg width="([\d.]+)pt', svg.read_text()).group(1))
    assert run("diagram", "-i", LINEAGE, "-o", svg).exit_code == 0
    assert abs(width - 3 * float(re.search(r'<svg width="([\d.]+)pt', svg.read_text()).group(1))) < 3


def test_rendered_format_without_graphviz_is_a_usage_error(run, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    result = run("diagram", "-i", LINEAGE, "-f", "svg")
    assert_exit(result, 2)
    assert "Graphviz" in result.stderr and "--format dot" in result.stderr
    assert_exit(run("diagram", "-i", LINEAGE, "-f", "dot"), 0)  # text formats need no Graphviz


def test_bundled_avocado_lineage(run):
    result = run("diagram", "aikgd:avocado")
    assert_exit(result, 0)
    nodes, edges = drawn(result.stdout)
    avocado = next(name for name in nodes if name.startswith("Avocado"))
    teachers = {a for a, b in edges if b == avocado}
    assert {t.split(" ")[0] for t in teachers} == {"Gemma", "gpt-oss", "Qwen"}
    assert all(edges[(t, avocado)]["style"] == "dashed" for t in teachers)  # reported, not confirmed
    assert all(edges[(t, avocado)]["label"].startswith("distillation\nreported") for t in teachers)
    assert "planned: closed" in nodes[avocado]["label"]


@pytest.mark.parametrize("inputs,models", [
    ((), ()), ((), ("aikgd:avocado",)), ((LINEAGE,), ()), ((LINEAGE,), ("Student",)),
    ((FIXTURES / "byod" / "seven-models.ttl",), ()),
])
def test_the_lineage_has_the_edges_rdflib_s_engine_finds(inputs, models):
    """api.lineage reads a pyoxigraph store; rdflib's SPARQL engine over the same files is the
    reference for which models are linked: edge for edge, and a node for each edge's ends."""
    import reference_lineage as reference
    from aikg import api

    files = api._with_bundled(list(inputs), None, input_format=None)
    expected = reference.edges(files)
    found = api.lineage(models, inputs=inputs)
    if models:
        expected = reference.around(expected, found.focus)
    assert {(e.source, e.derived) for e in found.edges} == expected
    assert set(found.nodes) == {end for edge in expected for end in edge} | set(found.focus)
    assert expected  # the comparison saw edges: this can fail
