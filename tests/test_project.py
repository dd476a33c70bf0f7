"""The project as a whole: pages in three languages, the embedded default, the real services,
and the deployment files kept in step with the settings."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

HEADINGS = {
    "kk": "Қалаларды 2050 жылға дейін дамыту стратегиялары",
    "ru": "Стратегии развития городов до 2050 года",
    "en": "City development strategies to 2050",
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_home_page_is_served_in_each_language_with_the_demo_strategies(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert HEADINGS[lang] in html
    # The demo strategies are listed in preparation, with the city named in the page's language.
    assert {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"}[lang] in html
    assert {"kk": "Қарағанды", "ru": "Караганда", "en": "Karaganda"}[lang] in html


@pytest.mark.django_db
def test_language_switcher_sets_the_interface_language(client):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/kk/"})
    assert response.status_code == 302
    assert response.url == "/ru/"


@pytest.mark.django_db
def test_root_redirects_to_a_language(client):
    response = client.get("/", headers={"accept-language": "ru"})
    assert response.status_code == 302
    assert response.url == "/ru/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def embedded_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a fresh `make run`: no DATABASE_URL, no REDIS_URL."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.local", DATA_DIR=str(tmp_path))
    return env


def test_without_database_url_the_app_boots_on_sqlite_with_demo_data(tmp_path):
    env = embedded_env(tmp_path)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True, capture_output=True)
    seeded = subprocess.run(
        [*manage, "seed_demo"], env=env, check=True, capture_output=True, text=True
    )
    assert "almaty.editor" in seeded.stdout
    assert (tmp_path / "db.sqlite3").exists()

    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/ru/") as response:
                    html = response.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the development server did not answer")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "Стратегии развития городов до 2050 года" in html
    assert "Алматы" in html


def test_without_redis_url_celery_runs_tasks_in_process(tmp_path):
    code = (
        "import django; django.setup();"
        "from django.conf import settings; from config.celery_app import app;"
        "print(settings.CELERY_TASK_ALWAYS_EAGER, app.conf.task_always_eager, settings.DATABASES['default']['ENGINE'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=embedded_env(tmp_path),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert out == ["True", "True", "django.db.backends.sqlite3"]


def test_settings_come_from_the_environment():
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert [code for code, _name in settings.LANGUAGES] == ["kk", "ru", "en"]


def test_docker_compose_runs_what_the_settings_expect():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "migrate"} <= services.keys()
    base_settings = (ROOT / "config/settings/base.py").read_text()
    read_vars = set(re.findall(r'env(?:\.\w+)?\("([A-Z0-9_]+)"', base_settings))
    read_vars |= set(
        re.findall(
            r'env\.\w+\("([A-Z0-9_]+)"', (ROOT / "config/settings/production.py").read_text()
        )
    )
    for name in ("web", "worker", "migrate"):
        environment = services[name]["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert set(environment) - {"DJANGO_SETTINGS_MODULE"} <= read_vars, name
        assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"} <= set(environment)
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://redis:")
    assert services["web"]["command"][:2] == ["gunicorn", "config.wsgi"]
    assert services["worker"]["command"][:3] == ["celery", "-A", "config"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "FROM python:3.11" in dockerfile and "compilemessages" in dockerfile


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    policy = client.get("/ru/").headers["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy
