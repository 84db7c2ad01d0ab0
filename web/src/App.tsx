import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/AuthContext';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './layout/AppLayout';
import { CampaignScope } from './layout/CampaignScope';
import { CampaignsProvider } from './layout/CampaignsContext';
import { RequirePage } from './layout/RequirePage';
import { AdminPage } from './pages/AdminPage';
import { HomeRedirect } from './pages/HomeRedirect';
import { LedgerPage } from './pages/LedgerPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationSettingsPage } from './pages/NotificationSettingsPage';
import { OverviewPage } from './pages/OverviewPage';
import { PasswordPage } from './pages/PasswordPage';
import { ProblemPage } from './pages/ProblemPage';
import { ReviewPage } from './pages/ReviewPage';
import { SupervisionPage } from './pages/SupervisionPage';
import { TasksPage } from './pages/TasksPage';

dayjs.locale('zh-cn');

// CJK-first font stack: Chinese glyphs come from the system's CJK fonts (Noto CJK on Linux).
const FONT = `-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif`;

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { fontFamily: FONT } }}>
      <AntdApp>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </AntdApp>
    </ConfigProvider>
  );
}

/** Every page; /c/:campaignId/<page> keeps the selected campaign in the URL. */
function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route path="/password" element={<PasswordPage />} />
        <Route
          element={
            <CampaignsProvider>
              <AppLayout />
            </CampaignsProvider>
          }
        >
          <Route index element={<HomeRedirect />} />
          <Route path="admin" element={<RequirePage page="admin"><AdminPage /></RequirePage>} />
          <Route path="settings/notifications" element={<NotificationSettingsPage />} />
          <Route path="c/:campaignId" element={<CampaignScope />}>
            <Route index element={<Navigate to="tasks" replace />} />
            <Route path="tasks" element={<RequirePage page="tasks"><TasksPage /></RequirePage>} />
            <Route path="review" element={<RequirePage page="review"><ReviewPage /></RequirePage>} />
            <Route path="ledger" element={<RequirePage page="ledger"><LedgerPage /></RequirePage>} />
            <Route path="problems/:no" element={<RequirePage page="ledger"><ProblemPage /></RequirePage>} />
            <Route path="supervision" element={<RequirePage page="supervision"><SupervisionPage /></RequirePage>} />
            <Route path="overview" element={<RequirePage page="overview"><OverviewPage /></RequirePage>} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
