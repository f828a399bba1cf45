"""deploy/Containerfile and deploy/k8s/, checked offline: no image is built and no cluster is
asked. Every manifest is validated against the Kubernetes API's own schemas (the
kubernetes-validate package ships them), strictly, so a misspelt field fails too; then what
matters to this app is asserted: health probes, requests and limits, one shared
ReadWriteMany data volume, a sticky Ingress with long websocket timeouts, a staff app that no
Ingress reaches, non-root pods, and an image that installs requirements.txt and nothing else."""

from __future__ import annotations

import copy
import json
import re
import shlex
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
K8S = REPO / "deploy" / "k8s"
CONTAINERFILE = REPO / "deploy" / "Containerfile"
KUBERNETES_VERSION = "1.30"  # a version kubernetes-validate ships schemas for, fixed
IMAGE = "fitjp-dashboard:RELEASE"  # the placeholder every manifest names (kustomization.yaml replaces it)
HEALTH = "/_stcore/health"
PORT = 8501
DATA_CLAIM = "fitjp-data"
PEAK_RSS_MIB = 420  # one dashboard process at its busiest (deploy/LOAD.md): its memory request covers it


# --- the manifests -------------------------------------------------------------------------

def manifest_files() -> list[Path]:
    return sorted(path for path in K8S.glob("*.yaml") if path.name != "kustomization.yaml")


def documents() -> list[tuple[str, dict]]:
    """(file name, object) for every object in every manifest."""
    return [(path.name, doc) for path in manifest_files()
            for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]


def objects(kind: str) -> list[dict]:
    return [doc for _, doc in documents() if doc["kind"] == kind]


def named(kind: str, name: str) -> dict:
    found = [doc for doc in objects(kind) if doc["metadata"]["name"] == name]
    assert len(found) == 1, f"one {kind} named {name} expected, found {len(found)}"
    return found[0]


def dashboard() -> dict:
    return named("Deployment", "fitjp-dashboard")


def staff() -> dict:
    return named("Deployment", "fitjp-staff")


def containers(deployment: dict) -> list[dict]:
    spec = deployment["spec"]["template"]["spec"]
    return spec.get("initContainers", []) + spec["containers"]


def validate(doc: dict) -> None:
    kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


@pytest.mark.parametrize("name, doc", documents(), ids=lambda value: value if isinstance(value, str) else value["kind"])
def test_every_manifest_is_valid_against_the_kubernetes_schemas(name, doc):
    validate(doc)


@pytest.mark.parametrize("break_it, what", [
    (lambda d: d["spec"].__setitem__("replicas", "three"), "not of type 'integer'"),
    # strict: a misspelt field is an error, not a field silently ignored
    (lambda d: d["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"].__setitem__("paht", "/"),
     "paht"),
    (lambda d: d["spec"]["template"]["spec"]["containers"][0].pop("name"), "'name' is a required property"),
])
def test_a_broken_manifest_fails_validation(break_it, what):
    """The validation above can fail: the dashboard's Deployment, broken three ways."""
    broken = copy.deepcopy(dashboard())
    validate(broken)  # whole, it passes
    break_it(broken)
    with pytest.raises(kubernetes_validate.ValidationError) as error:
        validate(broken)
    assert what in error.value.message


def test_the_kustomization_lists_every_manifest_and_names_the_image():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    assert sorted(kustomization["resources"]) == [path.name for path in manifest_files()]
    assert [image["name"] for image in kustomization["images"]] == [IMAGE.split(":")[0]]


def test_every_container_runs_the_one_image_name():
    images = {container["image"] for deployment in objects("Deployment") for container in containers(deployment)}
    assert images == {IMAGE}


def test_the_dashboard_has_replicas_and_probes_on_streamlits_health():
    deployment = dashboard()
    assert deployment["spec"]["replicas"] >= 2
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    assert ports == {"http": PORT}
    for probe in ("readinessProbe", "livenessProbe"):
        get = container[probe]["httpGet"]
        assert get["path"] == HEALTH, probe
        assert ports.get(get["port"], get["port"]) == PORT, probe


def test_every_container_has_requests_and_limits():
    for deployment in objects("Deployment"):
        for container in containers(deployment):
            resources = container.get("resources", {})
            for bound in ("requests", "limits"):
                assert set(resources.get(bound, {})) >= {"cpu", "memory"}, (container["name"], bound)
            assert mebibytes(resources["limits"]["memory"]) >= mebibytes(resources["requests"]["memory"])


def test_a_dashboard_pod_requests_the_memory_one_process_was_measured_to_use():
    (container,) = dashboard()["spec"]["template"]["spec"]["containers"]
    assert mebibytes(container["resources"]["requests"]["memory"]) >= PEAK_RSS_MIB


def mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)([A-Za-z]*)", str(quantity)).groups()
    scale = {"": 1 / 2**20, "k": 1000 / 2**20, "M": 1e6 / 2**20, "G": 1e9 / 2**20,
             "Ki": 1 / 1024, "Mi": 1, "Gi": 1024}[unit]
    return float(number) * scale


def test_every_pod_runs_as_a_non_root_user_the_image_names():
    uid = containerfile_user()
    for deployment in objects("Deployment"):
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, deployment["metadata"]["name"]
        assert pod["securityContext"]["runAsUser"] == uid
        for container in containers(deployment):
            assert container.get("securityContext", {}).get("runAsUser", uid) != 0
            assert container["securityContext"]["allowPrivilegeEscalation"] is False


def test_the_data_volume_is_one_readwritemany_claim():
    (claim,) = objects("PersistentVolumeClaim")
    assert claim["metadata"]["name"] == DATA_CLAIM
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]


def data_mount(deployment: dict) -> tuple[dict, dict, dict]:
    """(the container, its mount of the data claim, the volume) of a one-container Deployment."""
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    volume = next(v for v in pod["volumes"] if v.get("persistentVolumeClaim", {}).get("claimName") == DATA_CLAIM)
    (mount,) = [m for m in container["volumeMounts"] if m["name"] == volume["name"]]
    return container, mount, volume


def test_the_dashboard_reads_the_data_folder_read_only_and_the_staff_app_writes_it():
    data_dir = containerfile_env()["FITJP_DATA_DIR"]
    for deployment, read_only in ((dashboard(), True), (staff(), False)):
        container, mount, volume = data_mount(deployment)
        env = {item["name"]: item["value"] for item in container["env"]}
        assert env["FITJP_DATA_DIR"] == mount["mountPath"] == data_dir  # fitjp/settings.py's setting
        assert mount.get("readOnly", False) is read_only, deployment["metadata"]["name"]
        assert volume["persistentVolumeClaim"].get("readOnly", False) is read_only


def test_the_ingress_is_sticky_by_cookie_and_keeps_websockets_open_an_hour():
    (ingress,) = objects("Ingress")
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-name"]
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(notes[f"nginx.ingress.kubernetes.io/{timeout}"]) >= 3600, timeout
    assert ingress["spec"]["ingressClassName"] == "nginx"


def ingress_backends() -> set[str]:
    names = set()
    for ingress in objects("Ingress"):
        backends = [ingress["spec"].get("defaultBackend")]
        backends += [path["backend"] for rule in ingress["spec"].get("rules", [])
                     for path in rule.get("http", {}).get("paths", [])]
        names |= {backend["service"]["name"] for backend in backends if backend}
    return names


def selected_deployments(service: dict) -> list[str]:
    selector = service["spec"]["selector"].items()
    return [d["metadata"]["name"] for d in objects("Deployment")
            if selector <= d["spec"]["template"]["metadata"]["labels"].items()]


def test_each_service_selects_one_deployment_on_its_port():
    for service in objects("Service"):
        assert service["spec"]["type"] == "ClusterIP", service["metadata"]["name"]
        (deployment,) = selected_deployments(service)  # the public Service never reaches the staff pod
        ports = {port["name"]: port["containerPort"]
                 for port in named("Deployment", deployment)["spec"]["template"]["spec"]["containers"][0]["ports"]}
        for port in service["spec"]["ports"]:
            assert ports.get(port["targetPort"], port["targetPort"]) == PORT


def test_only_the_dashboard_is_reached_from_outside():
    assert ingress_backends() == {"fitjp-dashboard"}
    assert [selected_deployments(named("Service", name)) for name in ingress_backends()] == [["fitjp-dashboard"]]


def test_the_staff_app_is_one_internal_pod_with_its_password_from_a_secret():
    deployment = staff()
    assert deployment["spec"]["replicas"] == 1
    assert deployment["spec"]["strategy"]["type"] == "Recreate"  # never two, even in a rollout
    staff_services = [s["metadata"]["name"] for s in objects("Service") if selected_deployments(s) == ["fitjp-staff"]]
    assert staff_services and not set(staff_services) & ingress_backends()
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert container["command"][:3] == ["streamlit", "run", "admin.py"]
    (mount,) = [m for m in container["volumeMounts"] if m["mountPath"].endswith("/.streamlit/secrets.toml")]
    assert mount["mountPath"] == containerfile_workdir() + "/.streamlit/secrets.toml"  # beside admin.py
    volume = next(v for v in deployment["spec"]["template"]["spec"]["volumes"] if v["name"] == mount["name"])
    assert volume["secret"]["secretName"]


def test_no_password_is_kept_in_the_manifests():
    """The operator creates the staff app's Secret; a placeholder here would overwrite it."""
    assert not objects("Secret")
    for path in manifest_files():
        assert not re.search(r"^\s*staff_password\s*=", path.read_text(encoding="utf-8"), re.MULTILINE)


# --- the Containerfile ---------------------------------------------------------------------

def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order: comments dropped, continued lines joined."""
    lines, current = [], ""
    for line in text.splitlines():
        if line.lstrip().startswith("#") or not line.strip():
            continue
        current += line.rstrip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        lines.append(current.strip())
        current = ""
    assert not current, "a continued line with nothing after it"
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "") for line in lines]


def installs(text: str) -> tuple[list[str], list[str], list[str]]:
    """(requirement files pip installs, packages pip installs by name, packages apt installs
    by name) across every RUN of a Containerfile."""
    files, pip_names, apt_names = [], [], []
    for instruction, arguments in instructions(text):
        if instruction != "RUN":
            continue
        for command in re.split(r"&&|\|\||;", arguments):
            words = shlex.split(command)
            if words[:2] == ["python", "-m"] or words[:2] == ["python3", "-m"]:
                words = words[2:]
            if words[:2] in (["pip", "install"], ["pip3", "install"]):
                rest = iter(words[2:])
                for word in rest:
                    if word in ("-r", "--requirement"):
                        files.append(next(rest))
                    elif word.startswith("--requirement="):
                        files.append(word.split("=", 1)[1])
                    elif word.startswith("-r"):
                        files.append(word[2:])
                    elif not word.startswith("-"):
                        pip_names.append(word)
            elif words[:2] in (["apt-get", "install"], ["apt", "install"]):
                apt_names += [word for word in words[2:] if not word.startswith("-")]
    return files, pip_names, apt_names


def unpinned(pip_names: list[str], apt_names: list[str]) -> list[str]:
    return ([name for name in pip_names if not re.fullmatch(r"[A-Za-z0-9._-]+(\[[\w,-]+\])?==[\w.+!-]+", name)]
            + [name for name in apt_names if not re.fullmatch(r"[a-z0-9.+-]+=[\w.+:~-]+", name)])


def containerfile() -> list[tuple[str, str]]:
    return instructions(CONTAINERFILE.read_text(encoding="utf-8"))


def containerfile_user() -> int:
    users = [arguments for instruction, arguments in containerfile() if instruction == "USER"]
    assert users, "no USER: the image would run as root"
    uid = users[-1].split(":")[0]
    assert uid.isdecimal(), f"USER {users[-1]}: a numeric uid, so runAsNonRoot can check it"
    return int(uid)


def containerfile_env() -> dict[str, str]:
    env = {}
    for instruction, arguments in containerfile():
        if instruction == "ENV":
            env |= dict(pair.split("=", 1) for pair in shlex.split(arguments))
    return env


def containerfile_workdir() -> str:
    return [arguments for instruction, arguments in containerfile() if instruction == "WORKDIR"][-1]


def test_the_image_is_the_python_the_project_runs_on():
    (base,) = [arguments for instruction, arguments in containerfile() if instruction == "FROM"]
    match = re.fullmatch(r"python:(\d+)\.(\d+)(?:\.\d+)?-slim(?:-(\w+))?(@sha256:[0-9a-f]{64})?", base)
    assert match, f"FROM {base}: Debian's slim python image expected"
    assert (int(match[1]), int(match[2])) == sys.version_info[:2]  # the requirements were pinned on this one


def test_the_image_installs_requirements_txt_and_nothing_else_unpinned():
    text = CONTAINERFILE.read_text(encoding="utf-8")
    files, pip_names, apt_names = installs(text)
    assert files == ["requirements.txt"]
    assert unpinned(pip_names, apt_names) == []
    assert "pip install --no-cache-dir -r requirements.txt" in [a for i, a in instructions(text) if i == "RUN"]
    # the file installed is the repository's own, copied before the install
    steps = containerfile()
    copy_at = steps.index(("COPY", "requirements.txt ."))
    assert copy_at < steps.index(("RUN", "pip install --no-cache-dir -r requirements.txt"))
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert unpinned([line.strip()], []) == [], line


def test_the_containerfile_checks_can_fail():
    """The parsing above, on Containerfiles that must be refused."""
    bad = ("FROM python:3.11-slim\nRUN pip install --no-cache-dir -r requirements.txt \\\n"
           "    && pip install brotli==1.2.1 gunicorn\n"
           "RUN apt-get update && apt-get install -y --no-install-recommends curl tini=0.19.0-1\n")
    files, pip_names, apt_names = installs(bad)
    assert files == ["requirements.txt"]
    assert unpinned(pip_names, apt_names) == ["gunicorn", "curl"]
    assert installs("FROM python:3.11-slim\nRUN python -m pip install -r requirements-dev.txt\n")[0] == \
        ["requirements-dev.txt"]


def test_the_image_runs_the_public_app_as_a_non_root_user_with_the_data_on_a_volume():
    assert containerfile_user() != 0
    steps = dict(containerfile())  # the last of each instruction
    assert json.loads(steps["CMD"]) == ["streamlit", "run", "app.py", "--server.address=0.0.0.0",
                                        f"--server.port={PORT}", "--server.headless=true"]
    assert steps["EXPOSE"] == str(PORT)
    data_dir = containerfile_env()["FITJP_DATA_DIR"]
    assert json.loads(steps["VOLUME"]) == [data_dir]


def test_the_build_context_leaves_the_secrets_out():
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert ".streamlit/secrets.toml" in ignored
