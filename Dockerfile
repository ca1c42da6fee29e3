# GitHost images: build with the .NET SDK, run on the ASP.NET Core runtime with git installed.
#   docker build -t githost .                                  the server (the last stage)
#   docker build --target runner -t githost-runner .           githost-runner, for pipelines
#   docker run -p 7990:7990 -v githost-home:/var/lib/githost -e GITHOST_ADMIN_PASSWORD=change-me-now githost
# Not built in CI (no Docker engine there); docker-compose.yml uses both for a cluster behind HAProxy.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the layer is reused while only sources change.
COPY GitHost.sln Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/GitHost.Core/GitHost.Core.csproj src/GitHost.Core/
COPY src/GitHost.Data/GitHost.Data.csproj src/GitHost.Data/
COPY src/GitHost.Git/GitHost.Git.csproj src/GitHost.Git/
COPY src/GitHost.Pipelines/GitHost.Pipelines.csproj src/GitHost.Pipelines/
COPY src/GitHost.Ssh/GitHost.Ssh.csproj src/GitHost.Ssh/
COPY src/GitHost.Services/GitHost.Services.csproj src/GitHost.Services/
COPY src/GitHost.Server/GitHost.Server.csproj src/GitHost.Server/
COPY src/GitHost.Runner/GitHost.Runner.csproj src/GitHost.Runner/
COPY web/GitHost.Web/GitHost.Web.csproj web/GitHost.Web/
COPY db/GitHost.Db.Sqlite/GitHost.Db.Sqlite.csproj db/GitHost.Db.Sqlite/
COPY db/GitHost.Db.Postgres/GitHost.Db.Postgres.csproj db/GitHost.Db.Postgres/
COPY db/GitHost.Db.SqlServer/GitHost.Db.SqlServer.csproj db/GitHost.Db.SqlServer/
RUN dotnet restore src/GitHost.Server/GitHost.Server.csproj && dotnet restore src/GitHost.Runner/GitHost.Runner.csproj
COPY src/ src/
COPY web/ web/
COPY db/ db/
RUN dotnet publish src/GitHost.Server/GitHost.Server.csproj -c Release --no-restore -o /app \
 && dotnet publish src/GitHost.Runner/GitHost.Runner.csproj -c Release --no-restore -o /runner

# A pipeline runner: runs steps' scripts with bash in /work; give it tools your builds need (apt-get in a derived image).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runner
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /work --create-home --shell /bin/bash runner
COPY --from=build /runner /opt/githost-runner
USER runner
WORKDIR /work
ENTRYPOINT ["dotnet", "/opt/githost-runner/githost-runner.dll", "--work", "/work"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS server
# git creates and serves the repositories (the push hooks are bash scripts; bash is in the base image); curl is for the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends git curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/githost --create-home --shell /usr/sbin/nologin githost
WORKDIR /var/lib/githost
COPY --from=build /app /opt/githost
ENV GITHOST_HOME=/var/lib/githost \
    ASPNETCORE_URLS=http://0.0.0.0:7990
USER githost
VOLUME /var/lib/githost
# 7990 HTTP (REST, Git over HTTP, the web UI); 7999 Git over SSH.
EXPOSE 7990 7999
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:7990/status || exit 1
ENTRYPOINT ["dotnet", "/opt/githost/GitHost.Server.dll"]
