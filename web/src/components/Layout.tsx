import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe, useSession } from '../session';
import { LanguageSwitcher } from './LanguageSwitcher';

/** Header (organisation, role, language, sign-out), navigation and the main landmark. */
export function Layout() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const canAudit = me.permissions.includes('audit:read');
  const canImport = me.permissions.includes('records:import');
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
            {canImport ? <li><NavLink to="/import">{t('nav.import')}</NavLink></li> : null}
            {canAudit ? <li><NavLink to="/audit">{t('nav.audit')}</NavLink></li> : null}
          </ul>
        </nav>
        <div className="header-tools">
          <p className="whoami">
            <span>{t('header.signedInAs', { name: me.user?.displayName ?? me.organisation.name })}</span>
            <span data-testid="header-role">{t('header.role', { role: t(`role.${me.role}`, { defaultValue: me.role }) })}</span>
          </p>
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
