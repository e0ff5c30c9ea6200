# SPDX-License-Identifier: Apache-2.0
# mtls-doctor collect: gathers from an IIS server what `mtls-doctor diagnose --bundle` reads, into
# one zip, with only what Windows ships. Print it with `mtls-doctor collect --print-script`; run it
# in an elevated PowerShell (5.1 or later) on the server:
#   powershell -ExecutionPolicy Bypass -File collect.ps1 [-LogMegabytes 50] [-Days 7]
#              [-OutputPath DIR]
# No private key leaves the machine: certificates are exported with Export-Certificate, which
# writes the public certificate only. docs/collect.md lists every file of the zip.
[CmdletBinding()]
param(
  [ValidateRange(1, 4096)][int]$LogMegabytes = 50,  # per site, newest first, for each kind of log
  [ValidateRange(1, 365)][int]$Days = 7,            # events of the last DAYS days
  [string]$OutputPath = (Get-Location).Path
)

# WindowsPrincipal.IsInRole: the configuration, the bindings and the logs are readable by
# administrators only.
# https://learn.microsoft.com/dotnet/api/system.security.principal.windowsprincipal.isinrole
$me = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
if (-not $me.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  Write-Host 'mtls-doctor collect needs administrator rights: the IIS configuration, the http.sys'
  Write-Host 'bindings and the logs are readable by administrators only. Start PowerShell with'
  Write-Host '"Run as administrator" and run this script again. Nothing was collected.'
  exit 2
}

$stamp = Get-Date -Format 'yyyyMMdd-HHmmss'
$work = Join-Path $env:TEMP "mtls-collect-$stamp"
$zip = Join-Path $OutputPath "mtls-collect-$($env:COMPUTERNAME)-$stamp.zip"
$budget = [long]$LogMegabytes * 1MB
$report = New-Object System.Collections.Generic.List[string]
# A 32-bit PowerShell on 64-bit Windows sees SysWOW64 as System32, where inetsrv\config is absent.
$system32 = Join-Path $env:windir 'System32'
if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) {
  $system32 = Join-Path $env:windir 'Sysnative'
}

function Target([string]$relative) {
  $path = Join-Path $work $relative
  New-Item -ItemType Directory -Force -Path (Split-Path $path) | Out-Null
  $path
}
function Collected([string]$relative, [string]$what) {
  $report.Add("collected  $relative  ($what)")
}
function Missing([string]$what, [string]$why) { $report.Add("missing    $what  ($why)") }
function Expand([string]$path) { [Environment]::ExpandEnvironmentVariables($path) }

# Copies the newest files of $folder matching $filter, up to $budget bytes. A log file larger than
# what is left of the budget is cut: its header lines (#Fields names the columns) and then its
# last bytes from a line start. XML files are never cut.
function Copy-Newest([string]$folder, [string]$filter, [string]$relative, [switch]$WholeFiles) {
  if (-not (Test-Path -LiteralPath $folder)) { Missing $relative "no folder $folder"; return }
  $files = @(Get-ChildItem -LiteralPath $folder -Filter $filter -File |
             Sort-Object LastWriteTime -Descending)
  if ($files.Count -eq 0) { Missing $relative "no $filter in $folder"; return }
  $left = $budget; $copied = 0
  foreach ($file in $files) {
    if ($left -le 0) { break }
    $target = Target "$relative\$($file.Name)"
    if ($file.Length -le $left) {
      Copy-Item -LiteralPath $file.FullName $target
      $left -= $file.Length
    } elseif ($WholeFiles) {
      continue
    } else {
      $header = @(Get-Content -LiteralPath $file.FullName -TotalCount 4 |
                  Where-Object { $_ -like '#*' })
      $in = [IO.File]::Open($file.FullName, 'Open', 'Read', 'ReadWrite')  # IIS keeps it open
      $out = [IO.File]::Create($target)
      try {
        $in.Seek(-$left, 'End') | Out-Null
        while ($in.ReadByte() -notin -1, 10) {}
        $head = [Text.Encoding]::ASCII.GetBytes((($header + '') -join "`r`n"))
        $out.Write($head, 0, $head.Length)
        $in.CopyTo($out)
      } finally { $out.Close(); $in.Close() }
      $left = 0
    }
    $copied++
  }
  Collected $relative "$copied of $($files.Count) files, newest first, $LogMegabytes MB at most"
}

# 1. IIS configuration: sites, bindings, sslFlags, client-certificate mappings.
# https://learn.microsoft.com/iis/get-started/planning-your-iis-architecture/introduction-to-applicationhostconfig
$apphost = Join-Path $system32 'inetsrv\config\applicationHost.config'
$sites = @()
if (Test-Path -LiteralPath $apphost) {
  Copy-Item -LiteralPath $apphost (Target 'config\applicationHost.config')
  Collected 'config\applicationHost.config' 'IIS sites, bindings, sslFlags, mappings'
  $config = [xml](Get-Content -LiteralPath $apphost -Raw)
  $sites = @($config.SelectNodes(
    "/configuration/system.applicationHost/sites/site[bindings/binding[@protocol='https']]"))
  $defaults = $config.SelectSingleNode('/configuration/system.applicationHost/sites/siteDefaults')
  if ($sites.Count -eq 0) { Missing 'sites' 'no site has an https binding' }
} else {
  Missing 'config\applicationHost.config' "not found at $($apphost): is IIS installed?"
}

# web.config of every application of the https sites: sslFlags and mappings may be set there.
# https://learn.microsoft.com/iis/configuration/system.webserver/security/access
foreach ($site in $sites) {
  $id = $site.id
  foreach ($app in $site.SelectNodes('application')) {
    $dir = $app.SelectSingleNode("virtualDirectory[@path='/']/@physicalPath")
    if (-not $dir) { continue }
    $source = Join-Path (Expand $dir.Value) 'web.config'
    $sub = $app.path.Trim('/') -replace '/', '\'
    if ($sub) { $name = "config\sites\$id\$sub\web.config" }
    else { $name = "config\sites\$id\web.config" }
    if (Test-Path -LiteralPath $source) {
      Copy-Item -LiteralPath $source (Target $name)
      Collected $name "site '$($site.name)' application '$($app.path)'"
    }
  }
}

# 2. http.sys SSL bindings and their client-certificate policy (Negotiate Client Certificate,
# Ctl Store Name). Out-File -Encoding unicode writes UTF-16LE, as `>` does in PowerShell 5.1.
# https://learn.microsoft.com/windows/win32/http/show-sslcert
$sslcert = @(& netsh http show sslcert)
if ($LASTEXITCODE -eq 0) {
  $sslcert | Out-File -Encoding unicode (Target 'netsh\sslcert.txt')
  Collected 'netsh\sslcert.txt' 'netsh http show sslcert'
} else {
  Missing 'netsh\sslcert.txt' "netsh http show sslcert exited with $LASTEXITCODE"
}

# 3. Registry: Schannel settings (SendTrustedIssuerList, ClientAuthTrustMode, protocols) and the
# http.sys binding keys, as regedit-format exports (UTF-16LE).
# https://learn.microsoft.com/windows-server/administration/windows-commands/reg-export
# https://learn.microsoft.com/windows-server/security/tls/tls-registry-settings
$http = 'HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters'
$keys = [ordered]@{
  'registry\SCHANNEL.reg' = 'HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL'
  'registry\SslBindingInfo.reg' = "$http\SslBindingInfo"
  'registry\SslSniBindingInfo.reg' = "$http\SslSniBindingInfo"
  'registry\SslCcsBindingInfo.reg' = "$http\SslCcsBindingInfo"
}
foreach ($name in $keys.Keys) {
  $said = & reg export $keys[$name] (Target $name) /y 2>&1
  if ($LASTEXITCODE -eq 0) { Collected $name $keys[$name] }
  else { Remove-Item -LiteralPath (Join-Path $work $name) -ErrorAction SilentlyContinue
         Missing $name "$($keys[$name]): $($said -join ' ')" }
}

# 4. Machine certificate stores, public certificates only: "The private key is not included in
# the export." The CTL stores named by the bindings (Ctl Store Name) are exported too.
# https://learn.microsoft.com/powershell/module/pki/export-certificate
$stores = @('Root', 'CA', 'ClientAuthIssuer', 'My')
foreach ($line in $sslcert) {
  if ($line -match 'Ctl Store Name\s*:\s*(\S+)' -and $Matches[1] -ne '(null)') {
    $stores += $Matches[1]
  }
}
foreach ($store in ($stores | Select-Object -Unique)) {
  $path = "Cert:\LocalMachine\$store"
  if (-not (Test-Path $path)) { Missing "stores\$store" 'no such machine store'; continue }
  $certs = @(Get-ChildItem $path |
             Where-Object { $_ -is [Security.Cryptography.X509Certificates.X509Certificate2] })
  foreach ($cert in $certs) {
    $file = Target "stores\$store\$($cert.Thumbprint).cer"
    Export-Certificate -Cert $cert -Type CERT -FilePath $file | Out-Null
  }
  Collected "stores\$store" "$($certs.Count) certificates, DER, no private key"
}

# 5. Logs of the https sites. W3C: the site's logFile directory, else siteDefaults, else the IIS
# default, in the W3SVC<site id> folder. FREB: traceFailedRequestsLogging, the same way.
# https://learn.microsoft.com/iis/configuration/system.applicationhost/sites/sitedefaults/logfile/
# https://learn.microsoft.com/iis/configuration/system.applicationhost/sites/site/tracefailedrequestslogging
function Folder($site, [string]$element, [string]$default) {
  foreach ($node in @($site, $defaults)) {
    if (-not $node) { continue }
    $value = $node.SelectSingleNode("$element/@directory")
    if ($value) { return Expand $value.Value }
  }
  Expand $default
}
$inetpub = '%SystemDrive%\inetpub\logs'  # the IIS defaults of both
foreach ($site in $sites) {
  $id = $site.id
  $w3c = Join-Path (Folder $site 'logFile' "$inetpub\LogFiles") "W3SVC$id"
  Copy-Newest $w3c '*.log' "logs\W3SVC$id"
  $frebRoot = Folder $site 'traceFailedRequestsLogging' "$inetpub\FailedReqLogFiles"
  $freb = Join-Path $frebRoot "W3SVC$id"
  Copy-Newest $freb 'fr*.xml' "logs\FailedReqLogFiles\W3SVC$id" -WholeFiles
}
# HTTPERR: what http.sys refused before IIS saw the request.
# https://learn.microsoft.com/troubleshoot/developer/webapps/iis/iisadmin-service-inetinfo/error-logging-in-http-apis
Copy-Newest (Join-Path $system32 'LogFiles\HTTPERR') 'httperr*.log' 'logs\HTTPERR'

# 6. Events of the last $Days days: Schannel and HttpEvent from the System log, and the CAPI2
# Operational log (certificate chain building; disabled unless someone enabled it).
# https://learn.microsoft.com/windows-server/administration/windows-commands/wevtutil
$within = "TimeCreated[timediff(@SystemTime) <= $([long]$Days * 86400000)]"
$channels = [ordered]@{
  'events\System.evtx' = @('System',
    "*[System[Provider[@Name='Schannel' or @Name='Microsoft-Windows-HttpEvent'] and $within]]")
  'events\CAPI2-Operational.evtx' = @('Microsoft-Windows-CAPI2/Operational', "*[System[$within]]")
}
foreach ($name in $channels.Keys) {
  $channel, $query = $channels[$name]
  $said = & wevtutil epl $channel (Target $name) "/q:$query" /ow:true 2>&1
  if ($LASTEXITCODE -eq 0) { Collected $name "$channel, last $Days days" }
  else { Missing $name "wevtutil epl ${channel}: $($said -join ' ')" }
}
if ((& wevtutil gl 'Microsoft-Windows-CAPI2/Operational') -match '^enabled:\s*false') {
  $report.Add('note       the CAPI2 Operational log is disabled: enable it with')
  $report.Add('           wevtutil sl Microsoft-Windows-CAPI2/Operational /e:true,')
  $report.Add('           reproduce the failure, and collect again')
}

# 7. One zip: what was collected and what was not goes in with it.
# https://learn.microsoft.com/powershell/module/microsoft.powershell.archive/compress-archive
$report.Insert(0, "mtls-doctor collect on $($env:COMPUTERNAME) at $(Get-Date -Format o), " +
                  "-LogMegabytes $LogMegabytes -Days $Days")
$report | Out-File -Encoding utf8 (Target 'collect-log.txt')
Compress-Archive -Path (Join-Path $work '*') -DestinationPath $zip -Force
Remove-Item -LiteralPath $work -Recurse -Force
$report | ForEach-Object { Write-Host $_ }
Write-Host "wrote $zip"
Write-Host "read it with: mtls-doctor diagnose --bundle $(Split-Path $zip -Leaf)"
