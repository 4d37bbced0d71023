import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../session';

/** The screening pages' own navigation: a single check, a list, and the hits. */
export function ScreeningNav() {
  const { t } = useTranslation();
  const me = useMe();
  const canCheck = me.permissions.includes('screening:check');
  return (
    <nav aria-label={t('screening.sections')} className="screening-nav">
      <ul>
        {canCheck ? <li><NavLink to="/screening" end>{t('screening.nav.check')}</NavLink></li> : null}
        {canCheck ? <li><NavLink to="/screening/batch">{t('screening.nav.batch')}</NavLink></li> : null}
        <li><NavLink to="/screening/hits">{t('screening.nav.hits')}</NavLink></li>
      </ul>
    </nav>
  );
}
