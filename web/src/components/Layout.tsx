import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe, useSession } from '../session';
import { InboxLink } from './InboxLink';
import { LanguageSwitcher } from './LanguageSwitcher';
import './admin.css';

/** Header (organisation, role, language, sign-out), navigation and the main landmark. */
export function Layout() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const canAudit = me.permissions.includes('audit:read');
  const canImport = me.permissions.includes('records:import');
  const canExport = me.permissions.includes('records:export');
  const canManageUsers = me.permissions.includes('users:manage');
  const canManageKeys = me.permissions.includes('apikeys:manage');
  const canScreen = me.permissions.includes('screening:check');
  const canReadHits = me.permissions.includes('records:read');
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstPath = useRef(pathname);
  // After navigating to another page, screen-reader and keyboard users start at its content.
  useEffect(() => {
    if (pathname !== firstPath.current) main.current?.focus();
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-org" data-testid="header-org">{me.organisation.name}</span>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul>
            <li><NavLink to="/" end>{t('nav.home')}</NavLink></li>
            <li><NavLink to="/records">{t('nav.records')}</NavLink></li>
            {canScreen || canReadHits ? <li><NavLink to={canScreen ? '/screening' : '/screening/hits'}>{t('nav.screening')}</NavLink></li> : null}
            {canImport ? <li><NavLink to="/import">{t('nav.import')}</NavLink></li> : null}
            {canAudit ? <li><NavLink to="/audit">{t('nav.audit')}</NavLink></li> : null}
            {canExport ? <li><NavLink to="/export">{t('admin.nav.export')}</NavLink></li> : null}
          </ul>
        </nav>
        {canManageUsers || canManageKeys ? (
          <nav aria-label={t('admin.nav.label')} className="admin-nav">
            <span className="nav-group-label" aria-hidden="true">{t('admin.nav.label')}</span>
            <ul>
              {canManageUsers ? <li><NavLink to="/admin/users">{t('admin.nav.users')}</NavLink></li> : null}
              {canManageKeys ? <li><NavLink to="/admin/api-keys">{t('admin.nav.apiKeys')}</NavLink></li> : null}
            </ul>
          </nav>
        ) : null}
        <div className="header-tools">
          <p className="whoami">
            <span>{t('header.signedInAs', { name: me.user?.displayName ?? me.organisation.name })}</span>
            <span data-testid="header-role">{t('header.role', { role: t(`role.${me.role}`, { defaultValue: me.role }) })}</span>
          </p>
          <NavLink to="/organisations" className="directory-link">{t('admin.nav.directory')}</NavLink>
          <InboxLink />
          <LanguageSwitcher />
          <button type="button" className="button-secondary" onClick={() => void signOut()}>{t('header.signOut')}</button>
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        <Outlet />
      </main>
    </>
  );
}
