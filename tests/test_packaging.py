"""The wheel installs into a fresh environment and works outside the repository."""

from __future__ import annotations

import json
import subprocess
import sys
import venv

import pytest

from helpers import REPO, assert_exit


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_repo(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(REPO)],
        check=True,
    )
    (wheel,) = dist.glob("aikg-*.whl")
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
    )
    aikg = env_dir / "bin" / "aikg"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    listed = subprocess.run([str(aikg), "queries"], cwd=elsewhere, capture_output=True, text=True)
    assert_exit(listed, 0)
    names = [line.split()[0] for line in listed.stdout.splitlines() if line and not line.startswith(" ")]
    shipped = sorted(p.stem for p in (REPO / "queries").glob("*.rq"))
    assert names == shipped and shipped, listed.stdout

    # The bundled graph ships inside the wheel, with the package's version.
    where = subprocess.run(
        [str(python), "-c", "import aikg, aikg.bundle; print(aikg.bundle.root()); print(aikg.__version__)"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert where[0].endswith("/site-packages/aikg/_bundled"), where
    info = subprocess.run([str(aikg), "info", "-f", "json"], cwd=elsewhere, capture_output=True, text=True)
    assert_exit(info, 0)
    doc = json.loads(info.stdout)
    assert ["data/article-meta-avocado.ttl"] == [s for s, _ in doc["sources"] if s.startswith("data/article")]
    assert {"data/model-licenses.ttl", "data/model-agents.ttl", "data/model-sources.ttl"} <= {s for s, _ in doc["sources"]}

    # The template for hand-written data ships too, and validates against the bundled model.
    template = subprocess.run([str(python), "-c", "import aikg.bundle as b; print(b.template_file())"],
                              cwd=elsewhere, capture_output=True, text=True, check=True).stdout.strip()
    assert "/site-packages/aikg/_bundled/" in template, template
    assert_exit(subprocess.run([str(aikg), "validate", "-i", template], cwd=elsewhere, capture_output=True, text=True),
                0, "Conforms")
    assert ["https://w3id.org/aikg/ont", "https://w3id.org/aikg/ont/releases/" + where[1], where[1]] in doc["ontologies"]

    # The report's templates ship too: the site is filled from the installed package.
    site = elsewhere / "site"
    assert_exit(subprocess.run([str(aikg), "report", "-o", str(site)], cwd=elsewhere, capture_output=True, text=True), 0)
    assert "Avocado (codename)" in (site / "r-avocado.html").read_text(encoding="utf-8")

    ran = subprocess.run(
        [str(aikg), "query", "closed-models-distilled-from-open", "-f", "csv"],
        cwd=elsewhere, capture_output=True, text=True,
    )
    assert_exit(ran, 0)
    students = {line.split(",")[0] for line in ran.stdout.splitlines()[1:]}
    assert students == {"https://w3id.org/aikg/id/avocado"}
