"""The ``agentur`` command: serve the agency and administer tenants, staff and tokens."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import getpass
import math
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from core.audit import verify as verify_audit
from core.bus import outbox
from core.bus.dispatcher import Dispatcher, DispatchSettings
from core.domain.errors import AgenturError, Conflict, InvalidInput, NotFound
from core.domain.staff import Principal, Role, parse_role
from core.plugins import read_partner_file
from core.services.agency import Agency, open_agency
from core.services.keys import rotate_tenant_keys
from core.services.staff import create_tenant, create_token, create_user
from core.services.subject_rights import erase_person
from core.settings import Settings
from core.storage.engine import DatabaseUnavailable
from core.storage.repositories import Tenants
from core.storage.schema import migrate

EXIT_USAGE = 2
EXIT_UNAVAILABLE = 1
EXIT_BROKEN = 3


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument in one line and exits 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"agentur: {message}\n")


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    print(f"agentur: {message}", file=sys.stderr)
    raise SystemExit(code)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="agentur", description="Migrationsagentur: the shared system of a one-stop migration agency.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    serve = commands.add_parser("serve", help="run the agency (API and bus dispatcher)")
    serve.add_argument("--demo", action="store_true", help="create the demo tenant 'burgenlandkreis' once")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)

    commands.add_parser("migrate", help="bring the database schema up to date")
    commands.add_parser("worker", help="run the bus dispatcher only (production: several, beside the app processes)")

    tenant = commands.add_parser("tenant", help="counties").add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )
    tenant_create = tenant.add_parser("create", help="a new county")
    tenant_create.add_argument("slug")
    tenant_create.add_argument("--name", required=True)
    tenant_create.add_argument("--plugins", default="", help="comma-separated plugin names to enable")
    tenant_create.add_argument("--partners", type=Path, help="TOML file of code-less partners")
    tenant_configure = tenant.add_parser("configure", help="set a plugin's configuration for a county")
    tenant_configure.add_argument("slug")
    tenant_configure.add_argument("--plugin", required=True)
    tenant_configure.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="values")

    user = commands.add_parser("user", help="staff logins").add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )
    user_create = user.add_parser("create", help="a staff login (asks for or prints a password)")
    _principal_options(user_create)
    user_create.add_argument("name")
    user_create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    token = commands.add_parser("token", help="API tokens").add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )
    token_create = token.add_parser("create", help="prints one API token, alone on stdout")
    _principal_options(token_create)
    token_create.add_argument("--name", default="")

    keys = commands.add_parser("keys", help="encryption keys").add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )
    keys_rotate = keys.add_parser("rotate", help="new key-encryption key, data keys re-wrapped while serving")
    keys_rotate.add_argument("--tenant", required=True)

    erase = commands.add_parser("erase", help="GDPR Art. 17 erasure (crypto-shredding)")
    erase.add_argument("--tenant", required=True)
    erase.add_argument("person_id")
    erase.set_defaults(action="person")

    audit_cmd = commands.add_parser("audit", help="the audit trail").add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )
    audit_verify = audit_cmd.add_parser("verify", help="check the hash chain of a tenant's audit trail")
    audit_verify.add_argument("--tenant", required=True)

    bus = commands.add_parser("bus", help="the referral bus").add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )
    bus_replay = bus.add_parser("replay", help="put dead-lettered deliveries back in the queue")
    bus_replay.add_argument("--tenant", required=True)
    bus_replay.add_argument("--delivery", help="one delivery id (default: every dead letter of the tenant)")
    return parser


def _principal_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tenant", required=True)
    parser.add_argument("--partner", required=True)
    parser.add_argument("--role", required=True)


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    settings = Settings.from_env()
    try:
        if args.command == "serve":
            _serve(settings, demo=args.demo, host=args.host, port=args.port)
        elif args.command == "worker":
            dispatch = _dispatch_settings(os.environ)
            asyncio.run(_with_agency(settings, lambda agency: _work(agency, dispatch)))
        elif args.command == "migrate":
            asyncio.run(migrate(settings, report=sys.stderr))
            print("schema up to date", file=sys.stderr)
        else:
            handler = _ADMIN[(args.command, args.action)]
            asyncio.run(_with_agency(settings, lambda agency: handler(agency, args)))
    except (InvalidInput, Conflict) as exc:
        _fail(str(exc))
    except NotFound as exc:
        _fail(f"{exc} in tenant {getattr(args, 'tenant', '?')!r}")
    except DatabaseUnavailable as exc:
        _fail(str(exc), EXIT_UNAVAILABLE)
    except AgenturError as exc:
        _fail(str(exc))


async def _with_agency(settings: Settings, action: Callable[[Agency], Awaitable[Any]]) -> Any:
    """Bring the schema up to date, open the agency, run one action, close again."""
    await migrate(settings)
    agency = await open_agency(settings)
    try:
        return await action(agency)
    finally:
        await agency.close()


async def _tenant_create(agency: Agency, args: Any) -> None:
    plugins = [p.strip() for p in args.plugins.split(",") if p.strip()]
    declared = read_partner_file(args.partners) if args.partners else []
    tenant = await create_tenant(agency, args.slug, name=args.name, plugins=plugins, declared_partners=declared)
    print(tenant.tenant_id)


async def _user_create(agency: Agency, args: Any) -> None:
    password: str | None = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Password (empty: generate one): ") or None
        if password is not None and getpass.getpass("Repeat password: ") != password:
            raise InvalidInput("the passwords do not match", {"password": "mismatch"})
    _, chosen = await create_user(
        agency, args.tenant, partner_id=args.partner, role=parse_role(args.role), username=args.name, password=password
    )
    if password is None:
        print(f"{args.name}\t{chosen}")
    else:
        print(args.name)


async def _token_create(agency: Agency, args: Any) -> None:
    token = await create_token(agency, args.tenant, partner_id=args.partner, role=parse_role(args.role), name=args.name)
    print(token)


async def _keys_rotate(agency: Agency, args: Any) -> None:
    report = await rotate_tenant_keys(agency, args.tenant)
    print(f"key-encryption key version {report.kek_version}; {report.rewrapped} data keys re-wrapped")


async def _erase(agency: Agency, args: Any) -> None:
    await erase_person(agency, _operator(args.tenant), args.person_id)
    print(f"erased {args.person_id}")


async def _audit_verify(agency: Agency, args: Any) -> None:
    await agency.tenant(args.tenant)
    report = await verify_audit(agency.db, args.tenant)
    if not report.ok:
        _fail(f"audit trail of {args.tenant!r} is broken at event {report.broken_at}: {report.problem}", EXIT_BROKEN)
    print(f"audit trail of {args.tenant!r} intact: {report.events} events, head {report.head_hash}")


async def _tenant_configure(agency: Agency, args: Any) -> None:
    tenant, _ = await agency.tenant(args.slug)
    if args.plugin not in tenant.plugins:
        raise InvalidInput(f"plugin {args.plugin!r} is not enabled for {args.slug!r}", {"plugin": "not enabled"})
    values = dict(tenant.plugin_config.get(args.plugin, {}))
    for item in args.values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInput(f"--set takes KEY=VALUE, got {item.split('=', 1)[0]!r}", {"set": "malformed"})
        values[key.strip()] = value.strip()
    config = {**tenant.plugin_config, args.plugin: values}
    async with agency.db.transaction() as tx:
        await Tenants(tx).configure(args.slug, config)
    agency.forget_tenant(args.slug)
    print(f"{args.slug}: {args.plugin} configured ({', '.join(sorted(values)) or 'empty'})")


async def _bus_replay(agency: Agency, args: Any) -> None:
    await agency.tenant(args.tenant)
    async with agency.db.transaction() as tx:
        count = await outbox.replay(tx, args.tenant, args.delivery)
    if args.delivery and count == 0:
        raise NotFound("no such dead letter")
    print(f"{count} deliveries back in the queue")


def _dispatch_settings(environ: Mapping[str, str]) -> DispatchSettings:
    """The worker's bus settings: ``AGENTUR_BUS_LEASE_SECONDS`` sets how long a claimed delivery stays leased."""
    raw = environ.get("AGENTUR_BUS_LEASE_SECONDS", "").strip()
    if not raw:
        return DispatchSettings()
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        _fail(f"AGENTUR_BUS_LEASE_SECONDS must be a positive number of seconds, got {raw!r}")
    return DispatchSettings(lease=dt.timedelta(seconds=seconds))


async def _work(agency: Agency, dispatch: DispatchSettings | None = None) -> None:
    """``agentur worker``: dispatch until SIGTERM or SIGINT, then finish the round and stop."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    from core.web.documents import Documents  # the worker sends reminder letters too

    dispatcher = Dispatcher(agency, dispatch, letters=Documents())
    print("worker: dispatching", file=sys.stderr, flush=True)
    try:
        await dispatcher.run(stop)
    finally:
        await dispatcher.close()


def _operator(tenant_id: str) -> Principal:
    """The operator at the console acts as the county's administrator, recorded as such in the audit trail."""
    return Principal(tenant_id=tenant_id, partner_id="-", role=Role.TENANT_ADMIN, subject=f"cli:{getpass.getuser()}")


_ADMIN: dict[tuple[str, str], Callable[[Agency, Any], Awaitable[None]]] = {
    ("tenant", "create"): _tenant_create,
    ("user", "create"): _user_create,
    ("token", "create"): _token_create,
    ("keys", "rotate"): _keys_rotate,
    ("erase", "person"): _erase,
    ("audit", "verify"): _audit_verify,
    ("tenant", "configure"): _tenant_configure,
    ("bus", "replay"): _bus_replay,
}


def _serve(settings: Settings, *, demo: bool, host: str, port: int) -> None:
    import uvicorn

    from core.web.app import create_app

    app = create_app(settings)  # validates every plugin before anything else happens
    if demo:
        from core.demo.setup import ensure_demo

        logins = asyncio.run(_with_agency(settings, ensure_demo))
        print(logins.render(f"http://{host}:{port}"), flush=True)
    else:
        asyncio.run(migrate(settings))
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="info")


if __name__ == "__main__":
    main()
