import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// antd's own minimal reset (body margin, box-sizing); its components style themselves (CSS-in-JS).
import 'antd/dist/reset.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
