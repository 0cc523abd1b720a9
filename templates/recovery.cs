<?cs include:"macros.cs" ?><?cs include:"header.cs" ?><?cs #
  Recovery.Next is a path below Page.Base (it may come from return_to).
  The program checks it; as a second line, anything that is not a plain
  local path ("//host", "/\host", "https:...") falls back to "/".
  ClearSilver string literals have no escapes: "\" is one backslash.
?><?cs set:Recovery.Href = "/" ?><?cs
if:string.slice(Recovery.Next, 0, 1) == "/" && string.slice(Recovery.Next, 1, 2) != "/" && string.slice(Recovery.Next, 1, 2) != "\" ?><?cs
  set:Recovery.Href = Recovery.Next ?><?cs
/if ?>
<div class="auth">
<section class="auth-card auth-card-wide" aria-labelledby="auth-title">
  <div class="auth-head">
    <span class="auth-mark"><?cs call:icon("lifebuoy") ?></span>
    <h1 id="auth-title"><?cs var:L.Recovery.Title ?></h1>
    <p class="auth-lead"><?cs var:L.Recovery.Lead ?></p>
  </div>
<?cs if:Form.Notice ?>
  <div class="alert alert-ok" role="status"><?cs call:icon("ok") ?><p><?cs var:Form.Notice ?></p></div>
<?cs /if ?>
  <div class="alert alert-warn" id="recovery-warning"><?cs call:icon("degraded") ?><div>
    <p><strong><?cs var:L.Recovery.Once ?></strong></p>
    <p><?cs var:L.Recovery.Store ?></p>
  </div></div>
  <ol class="codes" aria-label="<?cs var:L.Recovery.ListLabel ?>" aria-describedby="recovery-warning"><?cs each:c = Recovery.Codes ?>
    <li><code><?cs var:c ?></code></li><?cs /each ?>
  </ol>
  <p class="help"><?cs var:L.Recovery.Usage ?></p>
  <div class="actions actions-end">
    <a class="button" href="<?cs var:Page.Base ?><?cs var:Recovery.Href ?>"><span><?cs var:L.Recovery.Continue ?></span><?cs call:icon("arrow-right") ?></a>
  </div>
</section>
</div>
<?cs include:"footer.cs" ?>
